import Type, { type Static } from 'typebox';
import { NodePairRequestSchema, NodePermissionsSchema } from './events.js';

// Results of the node.* methods, node pairing included (spec §10.3, §17, methods.json), as this
// gateway answers them under protocol 3 and 4. Open objects, like the events beside them
// (events.ts): the companion reads other gateways' answers with these schemas.

const Id = Type.String({ minLength: 1 });
const Ms = Type.Integer({ minimum: 0 });
/** Not minLength 1: a node's connect is not refused for an empty cap or command name. */
const Strings = Type.Array(Type.String());

/** The client metadata a node connected (or legacy-requested) with (spec §4.3, §17.3). */
const NodeMetadataProperties = {
  displayName: Type.Optional(Type.String()),
  platform: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  coreVersion: Type.Optional(Type.String()),
  uiVersion: Type.Optional(Type.String()),
  deviceFamily: Type.Optional(Type.String()),
  modelIdentifier: Type.Optional(Type.String()),
  clientId: Type.Optional(Type.String()),
  clientMode: Type.Optional(Type.String()),
  remoteIp: Type.Optional(Type.String()),
};

const NodeRowProperties = {
  nodeId: Id,
  ...NodeMetadataProperties,
  /** Declared caps an operator approved. */
  caps: Strings,
  /** Usable commands: declared ∩ gateway policy ∩ approved. */
  commands: Strings,
  /** Only the toggles an operator has reviewed; absent when there are none. */
  permissions: Type.Optional(NodePermissionsSchema),
  paired: Type.Boolean(),
  connected: Type.Boolean(),
  connectedAtMs: Type.Optional(Ms),
  lastSeenAtMs: Type.Optional(Ms),
  approvedAtMs: Type.Optional(Ms),
};

/** One node as `node.list` lists it (spec §17.3); also `node.pair.verify`'s `node`. */
export const NodeRowSchema = Type.Object(NodeRowProperties);
export type NodeRow = Static<typeof NodeRowSchema>;

/** `node.list` (spec §17.3): connected nodes first, then by name. */
export const NodeListResultSchema = Type.Object({
  ts: Ms,
  nodes: Type.Array(NodeRowSchema),
});
export type NodeListResult = Static<typeof NodeListResultSchema>;

/** `node.describe` (spec §17.3): one `node.list` row plus `ts`. */
export const NodeDescribeResultSchema = Type.Object({
  ts: Ms,
  ...NodeRowProperties,
});
export type NodeDescribeResult = Static<typeof NodeDescribeResultSchema>;

/** `node.rename` (spec §10.3 "Node display names"): the name as stored, trimmed. */
export const NodeRenameResultSchema = Type.Object({
  nodeId: Id,
  displayName: Type.String({ minLength: 1 }),
});
export type NodeRenameResult = Static<typeof NodeRenameResultSchema>;

/**
 * `node.invoke` on success (spec §17.2 step 5). `payload` is whatever the node returned (parsed
 * from its `payloadJSON` when it sent only that; `null` when it sent neither); `payloadJSON` is
 * the node's own string or `null`.
 */
export const NodeInvokeResultSchema = Type.Object({
  ok: Type.Literal(true),
  nodeId: Id,
  command: Id,
  payload: Type.Unknown(),
  payloadJSON: Type.Union([Type.String(), Type.Null()]),
});
export type NodeInvokeResult = Static<typeof NodeInvokeResultSchema>;

/**
 * What the gateway answers a node's `node.invoke.result` (spec §17.2 step 4): `ignored` marks a
 * late or unknown invoke id.
 */
export const NodeInvokeResultAckSchema = Type.Object({
  ok: Type.Literal(true),
  ignored: Type.Optional(Type.Literal(true)),
});
export type NodeInvokeResultAck = Static<typeof NodeInvokeResultAckSchema>;

/** `node.event` under protocol 3 (spec §17.3). */
export const NodeEventResultV3Schema = Type.Object({
  ok: Type.Literal(true),
});

/**
 * `node.event` under protocol 4 (spec §17.3): what the gateway did with the event. `reason` says
 * why it was not handled (or `suppressNotifyOnExit` for a handled exec.finished that made no note).
 */
export const NodeEventResultV4Schema = Type.Object({
  ok: Type.Literal(true),
  event: Id,
  handled: Type.Boolean(),
  reason: Type.Optional(Type.String({ minLength: 1 })),
});

/** `node.event` (spec §17.3): `{ok:true}` under protocol 3, with what happened under 4. */
export const NodeEventResultSchema = Type.Union([NodeEventResultV4Schema, NodeEventResultV3Schema]);
export type NodeEventResult = Static<typeof NodeEventResultSchema>;

/**
 * One `paired` entry of `node.pair.list` and `node.pair.approve`'s `node` (spec §10.3): the surface
 * an operator approved for a node paired for the node role or with an approved surface.
 */
export const PairedNodeSchema = Type.Object({
  nodeId: Id,
  ...NodeMetadataProperties,
  caps: Strings,
  commands: Strings,
  permissions: NodePermissionsSchema,
  approvedAtMs: Type.Optional(Ms),
  approvedBy: Type.Optional(Type.String()),
  /** When the node record or, for a node known only as a paired device, the device was created. */
  createdAtMs: Ms,
  lastConnectedAtMs: Type.Optional(Ms),
  lastSeenAtMs: Type.Optional(Ms),
});
export type PairedNode = Static<typeof PairedNodeSchema>;

/** `node.pair.list` (spec §10.3): pending requests oldest first, paired nodes by id. */
export const NodePairListResultSchema = Type.Object({
  pending: Type.Array(NodePairRequestSchema),
  paired: Type.Array(PairedNodeSchema),
});
export type NodePairListResult = Static<typeof NodePairListResultSchema>;

/** `node.pair.approve` (methods.json): the node as now approved. */
export const NodePairApproveResultSchema = Type.Object({
  requestId: Id,
  node: PairedNodeSchema,
});
export type NodePairApproveResult = Static<typeof NodePairApproveResultSchema>;

/** `node.pair.reject` (methods.json). */
export const NodePairRejectResultSchema = Type.Object({
  requestId: Id,
  nodeId: Id,
});
export type NodePairRejectResult = Static<typeof NodePairRejectResultSchema>;

/**
 * Legacy v3 `node.pair.request` (spec §10.3): `created` is false when a pending request for the
 * same surface was reused.
 */
export const NodePairRequestResultSchema = Type.Object({
  status: Type.Literal('pending'),
  created: Type.Boolean(),
  request: NodePairRequestSchema,
});
export type NodePairRequestResult = Static<typeof NodePairRequestResultSchema>;

/**
 * Legacy v3 `node.pair.verify` (spec §10.3): whether `token` is the node's node-role device token.
 * `node` is the node's `node.list` row, sent when the token checks out and the node is known.
 */
export const NodePairVerifyResultSchema = Type.Object({
  ok: Type.Boolean(),
  node: Type.Optional(NodeRowSchema),
});
export type NodePairVerifyResult = Static<typeof NodePairVerifyResultSchema>;

/** Method name → result schema for the node.* family, node pairing included. */
export const NodesResults = {
  'node.list': NodeListResultSchema,
  'node.describe': NodeDescribeResultSchema,
  'node.rename': NodeRenameResultSchema,
  'node.invoke': NodeInvokeResultSchema,
  'node.invoke.result': NodeInvokeResultAckSchema,
  'node.event': NodeEventResultSchema,
  'node.pair.request': NodePairRequestResultSchema,
  'node.pair.list': NodePairListResultSchema,
  'node.pair.approve': NodePairApproveResultSchema,
  'node.pair.reject': NodePairRejectResultSchema,
  'node.pair.verify': NodePairVerifyResultSchema,
} as const;
