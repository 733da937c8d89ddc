import Type, { type Static } from 'typebox';

// Payloads of the node events (spec §10.3, §14, §17), as this gateway sends them: the pairing
// events go to operator.pairing clients, node.presence to operator.read clients, and the invoke
// events to one node's own sockets (no seq). Open objects: the companion parses other gateways'
// events with these too. A field is required when the spec or the reference (OpenClaw) schema
// requires it, or when this gateway always sends it and neither says it may be absent.

const Id = Type.String({ minLength: 1 });
const Ms = Type.Integer({ minimum: 0 });
/** Not minLength 1: a node's connect is not refused for an empty cap or command name. */
const Strings = Type.Array(Type.String());
/** OS permission toggles a node reports (e.g. `{"camera": true}`). */
export const NodePermissionsSchema = Type.Record(Type.String(), Type.Boolean());

/**
 * A node asking for capability approval (spec §10.3): the `node.pair.requested` payload, one
 * `pending` entry of `node.pair.list` and `node.pair.request`'s `request`. This gateway always
 * sends `caps`, `commands`, `permissions` and `silent`; the spec marks them optional.
 */
export const NodePairRequestSchema = Type.Object({
  requestId: Id,
  nodeId: Id,
  displayName: Type.Optional(Type.String()),
  platform: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  coreVersion: Type.Optional(Type.String()),
  uiVersion: Type.Optional(Type.String()),
  deviceFamily: Type.Optional(Type.String()),
  modelIdentifier: Type.Optional(Type.String()),
  caps: Type.Optional(Strings),
  /** Only commands gateway policy could ever allow are asked about. */
  commands: Type.Optional(Strings),
  permissions: Type.Optional(NodePermissionsSchema),
  remoteIp: Type.Optional(Type.String()),
  silent: Type.Optional(Type.Boolean()),
  ts: Ms,
});
export type NodePairRequest = Static<typeof NodePairRequestSchema>;

/**
 * `node.pair.resolved` (spec §10.3), broadcast and pushed to the node itself. `decision` is
 * `approved` or `rejected` from this gateway (a superseded request is announced as `rejected`,
 * and only to operators); a v4 gateway also sends `removed` with `requestId: ""` for
 * `node.pair.remove`, which this gateway does not implement.
 */
export const NodePairResolvedSchema = Type.Object({
  requestId: Type.String(),
  nodeId: Id,
  decision: Type.String({ minLength: 1 }),
  ts: Ms,
});
export type NodePairResolved = Static<typeof NodePairResolvedSchema>;

/**
 * `node.presence` (spec §14, a v4 event): a node reported `node.presence.alive`. `trigger` is the
 * node's own word for what woke it, passed on trimmed and unchecked.
 */
export const NodePresenceSchema = Type.Object({
  nodeId: Id,
  ts: Ms,
  trigger: Type.Optional(Type.String({ minLength: 1 })),
});
export type NodePresence = Static<typeof NodePresenceSchema>;

/**
 * `node.invoke.request` (spec §17.2 step 3), sent to the node only. `paramsJSON` is the operator's
 * params as a JSON string, `null` when there were none (the reference schema allows only a
 * string). This gateway always sends `timeoutMs` and `idempotencyKey`; spec and reference mark
 * them optional.
 */
export const NodeInvokeRequestSchema = Type.Object({
  id: Id,
  nodeId: Id,
  command: Id,
  paramsJSON: Type.Union([Type.String(), Type.Null()]),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 0 })),
  idempotencyKey: Type.Optional(Id),
});
export type NodeInvokeRequest = Static<typeof NodeInvokeRequestSchema>;

/** `node.invoke.cancel` (spec §14, §17.2 step 5, v4): the invoke `invokeId` passed its deadline. */
export const NodeInvokeCancelSchema = Type.Object({
  invokeId: Id,
  nodeId: Id,
});
export type NodeInvokeCancel = Static<typeof NodeInvokeCancelSchema>;

/** Event name → payload schema for the node events (spec §14). */
export const NodesEventPayloads = {
  'node.pair.requested': NodePairRequestSchema,
  'node.pair.resolved': NodePairResolvedSchema,
  'node.presence': NodePresenceSchema,
  'node.invoke.request': NodeInvokeRequestSchema,
  'node.invoke.cancel': NodeInvokeCancelSchema,
} as const;
