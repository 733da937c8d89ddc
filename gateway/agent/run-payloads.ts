import { ErrorCode, GatewayError } from '../../shared/protocol/error-codes.js';
import type { RunRecord } from './store/runs-repository.js';
import type { RunResult } from './active-run.js';
import type { AgentAbortedResult, AgentCompletedResult, AgentFailedPayload } from '../../shared/protocol/agent/results.js';

/** A failed run: the error response also carries the run summary payload (spec §15.1). */
export class RunFailedError extends GatewayError {
  constructor(
    code: string,
    message: string,
    readonly payload: AgentFailedPayload,
    options: { retryable?: boolean; retryAfterMs?: number; details?: unknown },
  ) {
    super(code, message, options);
  }
}

/** The final `agent` response for a finished run, or the error it fails with. */
export function finalAgentPayload(result: RunResult, protocol: number): AgentCompletedResult | AgentAbortedResult {
  const durationMs = result.endedAt - result.startedAt;
  if (result.status === 'ok') {
    return {
      runId: result.runId,
      status: 'ok',
      summary: 'completed',
      result: {
        payloads: [{ text: result.text, mediaUrl: null }],
        meta: {
          durationMs,
          model: result.model,
          stopReason: result.stopReason,
          sessionKey: result.sessionKey,
          agentId: result.agentId,
          ...(result.usage ? { usage: result.usage } : {}),
        },
      },
    };
  }
  if (result.status === 'timeout') {
    const payload: AgentAbortedResult = {
      runId: result.runId,
      status: 'timeout',
      summary: 'aborted',
      stopReason: result.stopReason,
      providerStarted: result.text !== '',
      ...(result.timedOut ? { timeoutPhase: 'run' } : {}),
    };
    // Protocol 3 reported a run that ran out of time as AGENT_TIMEOUT; v4 answers it as a success.
    if (result.timedOut && protocol < 4) {
      throw new RunFailedError(ErrorCode.agentTimeout, 'agent run timed out', payload, { retryable: true });
    }
    return payload;
  }
  const failure = result.failure ?? { message: 'agent run failed', kind: 'unknown', retryable: true };
  throw new RunFailedError(
    ErrorCode.unavailable,
    failure.message,
    { runId: result.runId, status: 'error', summary: failure.message },
    {
      retryable: failure.retryable,
      ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
      details: { kind: failure.kind, ...(failure.statusCode !== undefined ? { statusCode: failure.statusCode } : {}) },
    },
  );
}

/** A finished run's result as the store kept it; a run that ended without one (a crash) failed. */
export function storedRunResult(record: RunRecord): RunResult {
  const stored = record.outcome as Partial<RunResult> | undefined;
  if (stored && typeof stored === 'object' && typeof stored.status === 'string' && typeof stored.text === 'string') return stored as RunResult;
  const endedAt = record.endedAtMs ?? record.acceptedAtMs;
  return {
    runId: record.runId,
    kind: record.kind,
    sessionKey: record.sessionKey,
    agentId: record.agentId,
    model: '',
    status: record.status === 'ok' || record.status === 'timeout' ? record.status : 'error',
    text: '',
    stopReason: record.stopReason ?? 'error',
    aborted: false,
    timedOut: false,
    failure: { message: record.error ?? 'agent run failed', kind: 'unknown', retryable: true },
    startedAt: record.startedAtMs ?? endedAt,
    endedAt,
  };
}
