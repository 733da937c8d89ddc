import Type, { type Static } from 'typebox';

// Payloads of the exec approval events (spec §16, §14), as this gateway broadcasts them to
// operator.approvals clients, and the approval records they carry. Open objects: the companion
// parses other gateways' events with these too. A field is required when the spec or the
// reference (OpenClaw) schema requires it, or when this gateway always sends it and neither says
// it may be absent; fields only this gateway sends (resolvedByActor, reason) are optional.

const Id = Type.String({ minLength: 1 });
const Ms = Type.Integer({ minimum: 0 });

/** A person's answer to an approval (spec §16 step 4). */
export const ExecApprovalDecisionSchema = Type.Union([
  Type.Literal('allow-once'),
  Type.Literal('allow-always'),
  Type.Literal('deny'),
]);
export type ExecApprovalDecision = Static<typeof ExecApprovalDecisionSchema>;

/**
 * Who acted, as the connection proved it: the verified device id (absent for token-only
 * connections) and client id. `label` is the client's chosen display name, for showing only.
 */
export const ApprovalActorSchema = Type.Object({
  deviceId: Type.Optional(Id),
  clientId: Id,
  authMethod: Type.String(),
  label: Type.Optional(Type.String()),
});
export type ApprovalActor = Static<typeof ApprovalActorSchema>;

/**
 * What an approval asks about (spec §16 step 1), as shown to the person deciding. Built either from
 * `exec.approval.request` params or by the gateway's own exec tool (which adds `runId`,
 * `toolCallId` and `unavailableDecisions`). `command` and `env` are the requester's free-form input.
 */
export const ExecApprovalRequestDetailsSchema = Type.Object({
  command: Id,
  commandArgv: Type.Optional(Type.Array(Type.String())),
  cwd: Type.Optional(Type.String()),
  /** Extra environment variables the command runs with: they change what it does. */
  env: Type.Optional(Type.Record(Type.String(), Type.String())),
  host: Type.Union([Type.Literal('gateway'), Type.Literal('node')]),
  nodeId: Type.Optional(Id),
  agentId: Type.Optional(Type.String()),
  sessionKey: Type.Optional(Type.String()),
  runId: Type.Optional(Type.String()),
  toolCallId: Type.Optional(Type.String()),
  resolvedPath: Type.Optional(Type.String()),
  security: Type.Optional(Type.String()),
  ask: Type.Optional(Type.String()),
  /** Decisions the UI must not offer (allow-always when the command cannot be pinned). */
  unavailableDecisions: Type.Optional(Type.Array(ExecApprovalDecisionSchema)),
  /** Why the analysis could not prove the command safe, e.g. `unsafe: redirection >`. */
  warningText: Type.Optional(Type.String()),
  /** `device:<id>` / `client:<id>` of the operator that asked, or `agent:<agentId>`. */
  requester: Type.Optional(Type.String()),
});
export type ExecApprovalRequestDetails = Static<typeof ExecApprovalRequestDetailsSchema>;

/**
 * A pending approval (spec §16 step 2): the `exec.approval.requested` payload and one entry of
 * `exec.approval.list`.
 */
export const PendingExecApprovalSchema = Type.Object({
  id: Id,
  request: ExecApprovalRequestDetailsSchema,
  createdAtMs: Ms,
  expiresAtMs: Ms,
});
export type PendingExecApproval = Static<typeof PendingExecApprovalSchema>;

/** Why an approval ended without a decision: nobody could answer, it timed out, or its run went away. */
export const ExecApprovalEndReasonSchema = Type.Union([
  Type.Literal('expired'),
  Type.Literal('no-approver'),
  Type.Literal('cancelled'),
]);
export type ExecApprovalEndReason = Static<typeof ExecApprovalEndReasonSchema>;

/**
 * `exec.approval.resolved` (spec §16 step 5), sent when an approval is decided, expires or is
 * cancelled. `decision` and `resolvedBy` are `null` when nobody decided. `resolvedBy` is the
 * resolver's proven identity (`device:<id>` or `client:<id>`), not the display name the spec
 * describes; `resolvedByActor` and `reason` are this gateway's additions. This gateway always
 * sends `request`; the spec marks it optional.
 */
export const ExecApprovalResolvedSchema = Type.Object({
  id: Id,
  decision: Type.Union([ExecApprovalDecisionSchema, Type.Null()]),
  resolvedBy: Type.Union([Type.String(), Type.Null()]),
  resolvedByActor: Type.Optional(Type.Union([ApprovalActorSchema, Type.Null()])),
  ts: Ms,
  request: Type.Optional(ExecApprovalRequestDetailsSchema),
  reason: Type.Optional(ExecApprovalEndReasonSchema),
});
export type ExecApprovalResolved = Static<typeof ExecApprovalResolvedSchema>;

/** Event name → payload schema for the exec approval events (spec §14). */
export const ExecApprovalsEventPayloads = {
  'exec.approval.requested': PendingExecApprovalSchema,
  'exec.approval.resolved': ExecApprovalResolvedSchema,
} as const;
