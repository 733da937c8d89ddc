/**
 * Tool calls as cards (ToolCardView): built from a call (its arguments), completed by its result,
 * and told where its exec approval stands. The exec tool's outcome (gateway exec-tool: `ran` with
 * exit code and output, `denied` or `cancelled` with a reason, `approvalId` when a person was
 * asked) is read for its command, output and approval; any other tool's result is shown as JSON.
 */
import type { ToolApprovalState, ToolCardView } from '../../shared/ipc/contract.js';
import type { ExecApprovalDecision } from '../../shared/protocol/exec-approvals/events.js';
import { clip } from '../text/clip.js';

/** Tool output kept for a card: enough to read, never the whole of a runaway command. */
const TOOL_OUTPUT_MAX = 8_000;
const TOOL_ARGS_MAX = 2_000;

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function json(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? '';
  } catch {
    return String(value);
  }
}

/** A card for a call the model just made: running until its result comes. */
export function toolCardFromCall(id: string, name: string, args: unknown): ToolCardView {
  const command = asRecord(args)?.['command'];
  if (typeof command === 'string') return { id, name, command, state: 'running' };
  return { id, name, ...(args === undefined ? {} : { args: clip(json(args), TOOL_ARGS_MAX) }), state: 'running' };
}

/** The card with the tool's result: output, exit code, and the approval the outcome names. */
export function withToolResult(card: ToolCardView, result: unknown, isError: boolean): ToolCardView {
  const record = asRecord(result);
  const status = record?.['status'];
  const approvalId = typeof record?.['approvalId'] === 'string' ? record['approvalId'] : card.approval?.approvalId;
  const approval = (state: ToolApprovalState): Pick<ToolCardView, 'approval'> => ({ approval: { state, ...(approvalId === undefined ? {} : { approvalId }) } });
  const { output: _output, exitCode: _exitCode, ...base } = card;
  if (record !== undefined && (status === 'denied' || status === 'cancelled')) {
    const reason = typeof record['reason'] === 'string' ? record['reason'] : String(status);
    const decided = approvalId === undefined ? {} : approval(status === 'denied' && card.approval?.state !== 'expired' ? 'denied' : 'expired');
    return { ...base, state: 'failed', output: clip(reason, TOOL_OUTPUT_MAX), ...decided };
  }
  if (record !== undefined && status === 'ran') {
    const output = [record['stdout'], record['stderr']].filter((text): text is string => typeof text === 'string' && text !== '').join('\n');
    const exitCode = typeof record['exitCode'] === 'number' ? record['exitCode'] : undefined;
    const failed = isError || record['timedOut'] === true || (exitCode !== undefined && exitCode !== 0);
    return {
      ...base,
      state: failed ? 'failed' : 'done',
      ...(output === '' ? {} : { output: clip(output, TOOL_OUTPUT_MAX) }),
      ...(exitCode === undefined ? {} : { exitCode }),
      ...(approvalId === undefined ? {} : approval('approved')),
    };
  }
  const error = record !== undefined && typeof record['error'] === 'string' ? record['error'] : undefined;
  const output = error ?? (result === undefined ? '' : json(result));
  return { ...base, state: isError ? 'failed' : 'done', ...(output === '' ? {} : { output: clip(output, TOOL_OUTPUT_MAX) }) };
}

/** A result whose call is not in view (an older page of history): a card of its own. */
export function toolCardFromResult(id: string, name: string, result: unknown, isError: boolean): ToolCardView {
  return withToolResult({ id, name, state: 'running' }, result, isError);
}

/** The card once the gateway asked a person about it (`exec.approval.requested`). */
export function withApprovalAsked(card: ToolCardView, approvalId: string): ToolCardView {
  return { ...card, approval: { state: 'pending', approvalId } };
}

/** The card once the approval ended: allowed, denied, or without a decision (expired, cancelled). */
export function withApprovalDecided(card: ToolCardView, approvalId: string, decision: ExecApprovalDecision | null): ToolCardView {
  const state: ToolApprovalState = decision === null ? 'expired' : decision === 'deny' ? 'denied' : 'approved';
  return { ...card, approval: { state, approvalId } };
}
