import Type, { type Static } from 'typebox';
import {
  ApprovalActorSchema,
  ExecApprovalDecisionSchema,
  ExecApprovalEndReasonSchema,
  ExecApprovalRequestDetailsSchema,
  PendingExecApprovalSchema,
} from './events.js';

// Results of the exec.approval.* and exec.approvals.* methods (spec §16, methods.json), as this
// gateway answers them under protocol 3 and 4. Open objects, like the events beside them
// (events.ts): the companion reads other gateways' answers with these schemas.

const Id = Type.String({ minLength: 1 });
const Ms = Type.Integer({ minimum: 0 });

const Security = Type.Union([Type.Literal('deny'), Type.Literal('allowlist'), Type.Literal('full')]);
const Ask = Type.Union([Type.Literal('off'), Type.Literal('on-miss'), Type.Literal('always')]);

const PolicyProperties = {
  security: Type.Optional(Security),
  ask: Type.Optional(Ask),
  askFallback: Type.Optional(Security),
  autoAllowSkills: Type.Optional(Type.Boolean()),
};

/** One allowlist entry of an approvals file (spec §16, config.md §5.2). */
export const ExecAllowlistEntrySchema = Type.Object({
  id: Type.Optional(Id),
  pattern: Id,
  source: Type.Optional(Type.Literal('allow-always')),
  commandText: Type.Optional(Type.String()),
  argPattern: Type.Optional(Type.String()),
  lastUsedAt: Type.Optional(Type.Number({ minimum: 0 })),
  lastUsedCommand: Type.Optional(Type.String()),
  lastResolvedPath: Type.Optional(Type.String()),
});
export type ExecAllowlistEntry = Static<typeof ExecAllowlistEntrySchema>;

/**
 * The exec approvals file (spec §16 "Policy files"). Open here, unlike the closed schema the
 * gateway checks writes with: a newer gateway's file (v4 adds `agents.*.mcpTools`) still parses.
 */
export const ExecApprovalsFileSchema = Type.Object({
  version: Type.Literal(1),
  socket: Type.Optional(Type.Object({ path: Type.Optional(Type.String()), token: Type.Optional(Type.String()) })),
  defaults: Type.Optional(Type.Object(PolicyProperties)),
  agents: Type.Optional(
    Type.Record(
      Type.String(),
      Type.Object({ ...PolicyProperties, allowlist: Type.Optional(Type.Array(ExecAllowlistEntrySchema)) }),
    ),
  ),
});
export type ExecApprovalsFile = Static<typeof ExecApprovalsFileSchema>;

/** Who added an allow-always entry, when, and the environment it was pinned to (protocol 3 only). */
export const ExecAllowlistProvenanceSchema = Type.Object({
  agentId: Type.String(),
  /** `device:<id>` / `client:<id>`; older rows hold the display name the client claimed. */
  addedBy: Type.String(),
  addedByActor: Type.Optional(ApprovalActorSchema),
  addedAtMs: Ms,
  approvalId: Type.Optional(Id),
  env: Type.Optional(Type.Record(Type.String(), Type.String())),
});
export type ExecAllowlistProvenance = Static<typeof ExecAllowlistProvenanceSchema>;

/**
 * `exec.approvals.get` / `exec.approvals.set` (spec §16 "Policy files"): the gateway's approvals
 * file, `exists: false` (with the default file) until one is set, and the `hash` a write must
 * name as `baseHash`. Under protocol 3 it adds `allowlistProvenance`, keyed by allowlist entry id;
 * protocol 4's snapshot (the reference `ExecApprovalsSnapshot`) is closed and never has it.
 */
export const ExecApprovalsSnapshotSchema = Type.Object({
  path: Id,
  exists: Type.Boolean(),
  hash: Id,
  file: ExecApprovalsFileSchema,
  allowlistProvenance: Type.Optional(Type.Record(Type.String(), ExecAllowlistProvenanceSchema)),
});
export type ExecApprovalsSnapshot = Static<typeof ExecApprovalsSnapshotSchema>;

/**
 * `exec.approvals.node.get` / `exec.approvals.node.set` (spec §16): the node's own answer to
 * `system.execApprovals.get/set`, relayed unchanged (`null` when it sent no payload). A conforming
 * node answers with the reference `ExecApprovalsNodeSnapshot`, but nothing checks that here.
 */
export const ExecApprovalsNodeSnapshotSchema = Type.Unknown();
export type ExecApprovalsNodeSnapshot = Static<typeof ExecApprovalsNodeSnapshotSchema>;

/** `exec.approval.request`'s early answer with `twoPhase: true` (spec §16 step 3). */
export const ExecApprovalRequestAcceptedSchema = Type.Object({
  status: Type.Literal('accepted'),
  id: Id,
  createdAtMs: Ms,
  expiresAtMs: Ms,
});
export type ExecApprovalRequestAccepted = Static<typeof ExecApprovalRequestAcceptedSchema>;

/**
 * `exec.approval.request`'s final answer (spec §16 step 5): `decision` is `null` when nobody
 * decided, and then `reason` (this gateway's addition) says why.
 */
export const ExecApprovalOutcomeSchema = Type.Object({
  id: Id,
  decision: Type.Union([ExecApprovalDecisionSchema, Type.Null()]),
  createdAtMs: Ms,
  expiresAtMs: Ms,
  reason: Type.Optional(ExecApprovalEndReasonSchema),
});
export type ExecApprovalOutcome = Static<typeof ExecApprovalOutcomeSchema>;

/** `exec.approval.request` (methods.json, twoResponses): the twoPhase ack, then the outcome. */
export const ExecApprovalRequestResultSchema = Type.Union([ExecApprovalRequestAcceptedSchema, ExecApprovalOutcomeSchema]);
export type ExecApprovalRequestResult = Static<typeof ExecApprovalRequestResultSchema>;

/** `exec.approval.resolve` (spec §16 step 4), also for a repeat of the same decision. */
export const ExecApprovalResolveResultSchema = Type.Object({
  ok: Type.Literal(true),
});
export type ExecApprovalResolveResult = Static<typeof ExecApprovalResolveResultSchema>;

/** `exec.approval.list` (spec §16 step 7): the approvals waiting for a decision. */
export const ExecApprovalListResultSchema = Type.Object({
  approvals: Type.Array(PendingExecApprovalSchema),
});
export type ExecApprovalListResult = Static<typeof ExecApprovalListResultSchema>;

/** `exec.approval.get` for an approval still waiting (spec §16 step 7). */
export const ExecApprovalGetPendingSchema = Type.Object({
  id: Id,
  request: ExecApprovalRequestDetailsSchema,
  createdAtMs: Ms,
  expiresAtMs: Ms,
  status: Type.Literal('pending'),
});

/**
 * `exec.approval.get` for an approval that has ended, read from the store: `decision` is `null`
 * unless a person decided; `resolvedBy` is absent then too.
 */
export const ExecApprovalGetRecordSchema = Type.Object({
  id: Id,
  request: ExecApprovalRequestDetailsSchema,
  createdAtMs: Ms,
  expiresAtMs: Ms,
  status: Type.Union([Type.Literal('pending'), Type.Literal('resolved'), Type.Literal('expired'), Type.Literal('cancelled')]),
  decision: Type.Union([ExecApprovalDecisionSchema, Type.Null()]),
  resolvedBy: Type.Optional(Type.String()),
  resolvedByActor: Type.Optional(ApprovalActorSchema),
});

/** `exec.approval.get` (spec §16 step 7): a pending approval, or the record of one that ended. */
export const ExecApprovalGetResultSchema = Type.Union([ExecApprovalGetPendingSchema, ExecApprovalGetRecordSchema]);
export type ExecApprovalGetResult = Static<typeof ExecApprovalGetResultSchema>;

/** Method name → result schema for the exec approval families. */
export const ExecApprovalsResults = {
  'exec.approval.request': ExecApprovalRequestResultSchema,
  'exec.approval.get': ExecApprovalGetResultSchema,
  'exec.approval.list': ExecApprovalListResultSchema,
  'exec.approval.resolve': ExecApprovalResolveResultSchema,
  'exec.approvals.get': ExecApprovalsSnapshotSchema,
  'exec.approvals.set': ExecApprovalsSnapshotSchema,
  'exec.approvals.node.get': ExecApprovalsNodeSnapshotSchema,
  'exec.approvals.node.set': ExecApprovalsNodeSnapshotSchema,
} as const;
