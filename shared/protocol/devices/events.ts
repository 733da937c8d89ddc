import Type, { type Static } from 'typebox';

// Payloads of the device-pairing events (spec §10.1, §14), as this gateway broadcasts them to
// operator.pairing clients. Open objects: the companion parses other gateways' events with these
// too, so a field it does not know is never a reason to drop an event. A field is required when
// the spec or the reference (OpenClaw) schema requires it, or when this gateway always sends it
// and neither says it may be absent.

const Id = Type.String({ minLength: 1 });
const Ms = Type.Integer({ minimum: 0 });
const Names = Type.Array(Type.String({ minLength: 1 }));
/** Not minLength 1: connect does not refuse an empty scope string, and pairing records what was asked. */
const Scopes = Type.Array(Type.String());

/**
 * A pending device pairing request (spec §10.1 step 3): the `device.pair.requested` payload and
 * one `pending` entry of `device.pair.list`. `role`, `roles`, `scopes`, `silent` and `isRepair`
 * are always sent by this gateway but optional in the reference `DevicePairRequestedEvent`.
 */
export const DevicePairRequestSchema = Type.Object({
  requestId: Id,
  deviceId: Id,
  /** The device's raw Ed25519 public key, base64url. */
  publicKey: Id,
  displayName: Type.Optional(Type.String()),
  platform: Type.Optional(Type.String()),
  deviceFamily: Type.Optional(Type.String()),
  clientId: Type.Optional(Type.String()),
  clientMode: Type.Optional(Type.String()),
  role: Type.Optional(Type.String({ minLength: 1 })),
  /** Every role the device holds once this request is approved. */
  roles: Type.Optional(Names),
  /** Operator scopes asked for; always `[]` for any other role. */
  scopes: Type.Optional(Scopes),
  remoteIp: Type.Optional(Type.String()),
  silent: Type.Optional(Type.Boolean()),
  /** True for a role, scope or metadata upgrade of a device already paired with this key. */
  isRepair: Type.Optional(Type.Boolean()),
  ts: Ms,
});
export type DevicePairRequest = Static<typeof DevicePairRequestSchema>;

/**
 * `device.pair.resolved` (spec §10.1 steps 4 and 6). `decision` is `approved` or `rejected`
 * (a superseded request is announced as `rejected`); this gateway also sends `expired` when a
 * request passes its 5 minutes, which the spec's table does not list. The reference types it as
 * any non-empty string.
 */
export const DevicePairResolvedSchema = Type.Object({
  requestId: Id,
  deviceId: Id,
  decision: Type.String({ minLength: 1 }),
  ts: Ms,
});
export type DevicePairResolved = Static<typeof DevicePairResolvedSchema>;

/** Event name → payload schema for the device-pairing events (spec §14). */
export const DevicesEventPayloads = {
  'device.pair.requested': DevicePairRequestSchema,
  'device.pair.resolved': DevicePairResolvedSchema,
} as const;
