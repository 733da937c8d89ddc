/**
 * The shapes of what the operator connection reads from the gateway, checked where they enter
 * (spec §10.1, §13.4, §14, §16). Lenient like the protocol itself: unknown fields pass, the
 * fields the app relies on must be there.
 */
import Type, { type Static } from 'typebox';
import { compileSchema } from '../../shared/protocol/validate.js';

const Strings = Type.Array(Type.String());

export const PendingPairRequestSchema = Type.Object({
  requestId: Type.String({ minLength: 1 }),
  deviceId: Type.String({ minLength: 1 }),
  displayName: Type.Optional(Type.String()),
  platform: Type.Optional(Type.String()),
  deviceFamily: Type.Optional(Type.String()),
  clientId: Type.Optional(Type.String()),
  clientMode: Type.Optional(Type.String()),
  role: Type.Optional(Type.String()),
  roles: Type.Optional(Strings),
  scopes: Type.Optional(Strings),
  remoteIp: Type.Optional(Type.String()),
  silent: Type.Optional(Type.Boolean()),
  isRepair: Type.Optional(Type.Boolean()),
  ts: Type.Number(),
});
export type PendingPairRequest = Static<typeof PendingPairRequestSchema>;

/** A node asking for capability approval (spec §10.3); durable until approved or rejected. */
export const NodePairRequestSchema = Type.Object({
  requestId: Type.String({ minLength: 1 }),
  nodeId: Type.String({ minLength: 1 }),
  displayName: Type.Optional(Type.String()),
  platform: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  deviceFamily: Type.Optional(Type.String()),
  caps: Type.Optional(Strings),
  commands: Type.Optional(Strings),
  remoteIp: Type.Optional(Type.String()),
  silent: Type.Optional(Type.Boolean()),
  ts: Type.Number(),
});
export type NodePairRequest = Static<typeof NodePairRequestSchema>;

export const PairedDeviceSchema = Type.Object({
  deviceId: Type.String({ minLength: 1 }),
  displayName: Type.Optional(Type.String()),
  platform: Type.Optional(Type.String()),
  clientId: Type.Optional(Type.String()),
  clientMode: Type.Optional(Type.String()),
  roles: Strings,
  scopes: Strings,
  approvedAtMs: Type.Optional(Type.Number()),
  lastSeenAtMs: Type.Optional(Type.Number()),
});
export type PairedDevice = Static<typeof PairedDeviceSchema>;

export const PresenceEntrySchema = Type.Object({
  ts: Type.Number(),
  host: Type.Optional(Type.String()),
  clientId: Type.Optional(Type.String()),
  ip: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  platform: Type.Optional(Type.String()),
  mode: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  text: Type.Optional(Type.String()),
  deviceId: Type.Optional(Type.String()),
  instanceId: Type.Optional(Type.String()),
  roles: Type.Optional(Strings),
  scopes: Type.Optional(Strings),
});
export type PresenceEntry = Static<typeof PresenceEntrySchema>;

export const ExecApprovalRequestSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  request: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  createdAtMs: Type.Optional(Type.Number()),
  expiresAtMs: Type.Optional(Type.Number()),
});
export type ExecApprovalRequest = Static<typeof ExecApprovalRequestSchema>;

export const devicePairListResult = compileSchema(Type.Object({ pending: Type.Array(PendingPairRequestSchema), paired: Type.Array(PairedDeviceSchema) }));
export const nodePairListResult = compileSchema(Type.Object({ pending: Type.Array(NodePairRequestSchema) }));
export const systemPresenceResult = compileSchema(Type.Array(PresenceEntrySchema));
/** v4's `exec.approval.list` result is not pinned down yet: a bare array or one under a key. */
export const execApprovalListResult = compileSchema(
  Type.Union([
    Type.Array(ExecApprovalRequestSchema),
    Type.Object({ approvals: Type.Array(ExecApprovalRequestSchema) }),
    Type.Object({ pending: Type.Array(ExecApprovalRequestSchema) }),
  ]),
);

/** Events the app acts on, with their payloads (spec §14). */
export const operatorEventSchemas = {
  presence: compileSchema(Type.Object({ presence: Type.Array(PresenceEntrySchema) })),
  'device.pair.requested': compileSchema(PendingPairRequestSchema),
  'device.pair.resolved': compileSchema(
    Type.Object({ requestId: Type.String(), deviceId: Type.String(), decision: Type.String(), ts: Type.Optional(Type.Number()) }),
  ),
  'node.pair.requested': compileSchema(NodePairRequestSchema),
  'node.pair.resolved': compileSchema(
    Type.Object({ requestId: Type.String(), nodeId: Type.String(), decision: Type.String(), ts: Type.Optional(Type.Number()) }),
  ),
  'exec.approval.requested': compileSchema(ExecApprovalRequestSchema),
  'exec.approval.resolved': compileSchema(
    // resolvedBy is null when nobody decided (expired, cancelled with its run).
    Type.Object({
      id: Type.String(),
      decision: Type.Union([Type.String(), Type.Null()]),
      resolvedBy: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      ts: Type.Optional(Type.Number()),
    }),
  ),
  shutdown: compileSchema(Type.Object({ reason: Type.String(), restartExpectedMs: Type.Optional(Type.Number()) })),
};

export type OperatorEventName = keyof typeof operatorEventSchemas;
export type OperatorEventPayload<E extends OperatorEventName> = Static<(typeof operatorEventSchemas)[E]['schema']>;
