/**
 * What the operator connection reads from the gateway, checked where it enters (spec §10.1,
 * §10.3, §13.4, §14, §16) with the protocol's own schemas (shared/protocol/<domain>): the same
 * ones the gateway's tests hold its answers to, so the app and the gateway cannot drift apart.
 * They are open objects: unknown fields pass, the fields the protocol requires must be there.
 */
import Type, { type Static } from 'typebox';
import { ChannelsEventPayloads } from '../../shared/protocol/channels/events.js';
import { DevicesEventPayloads } from '../../shared/protocol/devices/events.js';
import { DevicesResults } from '../../shared/protocol/devices/results.js';
import { ExecApprovalsEventPayloads, PendingExecApprovalSchema } from '../../shared/protocol/exec-approvals/events.js';
import { ExecApprovalsResults } from '../../shared/protocol/exec-approvals/results.js';
import { HealthEventPayloads } from '../../shared/protocol/health/events.js';
import { HealthResults } from '../../shared/protocol/health/results.js';
import { NodesEventPayloads } from '../../shared/protocol/nodes/events.js';
import { NodesResults } from '../../shared/protocol/nodes/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';

/** The results the snapshot reloads (operator-snapshot.ts), by method. */
export const operatorResults = {
  'device.pair.list': compileSchema(DevicesResults['device.pair.list']),
  'node.pair.list': compileSchema(NodesResults['node.pair.list']),
  'system-presence': compileSchema(HealthResults['system-presence']),
  /**
   * `{approvals}` is the protocol's answer; gateways that predate it answered a bare array or
   * `{pending}`, still read here. Every entry is the protocol's pending approval all the same.
   */
  'exec.approval.list': compileSchema(
    Type.Union([
      ExecApprovalsResults['exec.approval.list'],
      Type.Array(PendingExecApprovalSchema),
      Type.Object({ pending: Type.Array(PendingExecApprovalSchema) }),
    ]),
  ),
};

/** Events the app acts on, with their payloads (spec §14). */
export const operatorEventSchemas = {
  presence: compileSchema(HealthEventPayloads.presence),
  shutdown: compileSchema(HealthEventPayloads.shutdown),
  'device.pair.requested': compileSchema(DevicesEventPayloads['device.pair.requested']),
  'device.pair.resolved': compileSchema(DevicesEventPayloads['device.pair.resolved']),
  'node.pair.requested': compileSchema(NodesEventPayloads['node.pair.requested']),
  'node.pair.resolved': compileSchema(NodesEventPayloads['node.pair.resolved']),
  'exec.approval.requested': compileSchema(ExecApprovalsEventPayloads['exec.approval.requested']),
  'exec.approval.resolved': compileSchema(ExecApprovalsEventPayloads['exec.approval.resolved']),
  /** A chat sender (Telegram, Discord) asks to talk to the agent; sent to operator.pairing clients. */
  'channels.pairing.requested': compileSchema(ChannelsEventPayloads['channels.pairing.requested']),
  /** That request was approved, dismissed or expired: the panel drops it, its notification goes. */
  'channels.pairing.resolved': compileSchema(ChannelsEventPayloads['channels.pairing.resolved']),
};

export type OperatorResultMethod = keyof typeof operatorResults;
export type OperatorResult<M extends OperatorResultMethod> = Static<(typeof operatorResults)[M]['schema']>;
export type OperatorEventName = keyof typeof operatorEventSchemas;
export type OperatorEventPayload<E extends OperatorEventName> = Static<(typeof operatorEventSchemas)[E]['schema']>;
