import Type, { type Static } from 'typebox';
import { DevicePairRequestSchema } from './events.js';

// Results of the device.* methods (spec §10.1, §11, methods.json), as this gateway answers them
// under protocol 3 and 4. Open objects, like the events beside them (events.ts): the companion
// reads other gateways' answers with these schemas.

const Id = Type.String({ minLength: 1 });
const Ms = Type.Integer({ minimum: 0 });
const Names = Type.Array(Type.String({ minLength: 1 }));
/** Not minLength 1: connect does not refuse an empty scope string, and pairing records what was asked. */
const Scopes = Type.Array(Type.String());

/** A device token as listings show it (spec §10.1, §11): never the token string or its hash. */
export const DeviceTokenSummarySchema = Type.Object({
  role: Id,
  scopes: Scopes,
  createdAtMs: Ms,
  rotatedAtMs: Type.Optional(Ms),
  revokedAtMs: Type.Optional(Ms),
  lastUsedAtMs: Type.Optional(Ms),
});
export type DeviceTokenSummary = Static<typeof DeviceTokenSummarySchema>;

const PairedDeviceProperties = {
  deviceId: Id,
  publicKey: Id,
  displayName: Type.Optional(Type.String()),
  platform: Type.Optional(Type.String()),
  deviceFamily: Type.Optional(Type.String()),
  clientId: Type.Optional(Type.String()),
  clientMode: Type.Optional(Type.String()),
  roles: Names,
  scopes: Scopes,
  approvedAtMs: Ms,
  /** Who approved: the approving client's display name or id, or `local-auto` (spec §10.2). */
  approvedBy: Type.String(),
  remoteIp: Type.Optional(Type.String()),
  createdAtMs: Ms,
  lastSeenAtMs: Type.Optional(Ms),
};

/** A paired device record (spec §10 "Device pairing"), as `device.pair.approve` returns it. */
export const PairedDeviceSchema = Type.Object(PairedDeviceProperties);
export type PairedDevice = Static<typeof PairedDeviceSchema>;

/** One `paired` entry of `device.pair.list` (spec §10.1): the record plus its redacted tokens. */
export const PairedDeviceListingSchema = Type.Object({
  ...PairedDeviceProperties,
  tokens: Type.Array(DeviceTokenSummarySchema),
});
export type PairedDeviceListing = Static<typeof PairedDeviceListingSchema>;

/** `device.pair.list` (spec §10.1 "Operator-side listing"). */
export const DevicePairListResultSchema = Type.Object({
  pending: Type.Array(DevicePairRequestSchema),
  paired: Type.Array(PairedDeviceListingSchema),
});
export type DevicePairListResult = Static<typeof DevicePairListResultSchema>;

/** `device.pair.approve` (methods.json): the request approved and the device record it made. */
export const DevicePairApproveResultSchema = Type.Object({
  requestId: Id,
  device: PairedDeviceSchema,
});
export type DevicePairApproveResult = Static<typeof DevicePairApproveResultSchema>;

/** `device.pair.reject` (methods.json). */
export const DevicePairRejectResultSchema = Type.Object({
  requestId: Id,
  deviceId: Id,
});
export type DevicePairRejectResult = Static<typeof DevicePairRejectResultSchema>;

/**
 * `device.token.rotate` (spec §11 "Rotation"). Three shapes: a device rotating its own token while
 * using it gets `token` and `tokenDelivery: "in-band"` (both protocols); another caller gets
 * `tokenDelivery: "withheld-cross-device"` and no token under protocol 4, and `token` without
 * `tokenDelivery` under protocol 3.
 */
export const DeviceTokenRotateResultSchema = Type.Object({
  deviceId: Id,
  role: Id,
  /** The rotated token's scopes; always `[]` for a non-operator role. */
  scopes: Scopes,
  rotatedAtMs: Ms,
  token: Type.Optional(Id),
  tokenDelivery: Type.Optional(Type.Union([Type.Literal('in-band'), Type.Literal('withheld-cross-device')])),
});
export type DeviceTokenRotateResult = Static<typeof DeviceTokenRotateResultSchema>;

/** `device.token.revoke` (spec §11 "Revocation"). */
export const DeviceTokenRevokeResultSchema = Type.Object({
  deviceId: Id,
  role: Id,
  revokedAtMs: Ms,
});
export type DeviceTokenRevokeResult = Static<typeof DeviceTokenRevokeResultSchema>;

/** Method name → result schema for the device.* family. */
export const DevicesResults = {
  'device.pair.list': DevicePairListResultSchema,
  'device.pair.approve': DevicePairApproveResultSchema,
  'device.pair.reject': DevicePairRejectResultSchema,
  'device.token.rotate': DeviceTokenRotateResultSchema,
  'device.token.revoke': DeviceTokenRevokeResultSchema,
} as const;
