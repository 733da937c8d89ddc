/**
 * What resuming a run after a restart adds to starting one: the cut-off marked in the transcript,
 * and the reply delivered where the request that accepted the run asked (that request is gone).
 */
import type { Logger } from 'pino';
import type { ActiveRun } from './active-run.js';
import { deliverReply, type ReplyDeliveryPort, type ReplyTarget } from './channel-delivery.js';
import type { PreparedRun } from './run-request.js';
import type { GatewayStore } from './store/gateway-store.js';

const INTERRUPTED_NOTE = 'the gateway stopped while this reply was being written; the run was resumed after the restart';

/** An empty assistant entry saying the reply was cut off by a stop, before the resumed one. */
export function appendCutOffNote(store: GatewayStore, prepared: PreparedRun): void {
  const session = store.sessions.get(prepared.sessionKey);
  if (!session) return;
  store.transcript.append({
    sessionKey: session.sessionKey,
    sessionId: session.sessionId,
    runId: prepared.runId,
    role: 'assistant',
    content: [],
    meta: { interrupted: true, stopReason: 'interrupted', errorMessage: INTERRUPTED_NOTE },
    ts: Date.now(),
  });
}

/** A resumed run's reply goes where the request that accepted it asked. */
export function deliverAfterResume(port: ReplyDeliveryPort | undefined, logger: Logger, run: ActiveRun, target: ReplyTarget): void {
  if (!port) {
    logger.warn({ runId: run.runId }, 'a resumed run asked for delivery, and this gateway has no delivery port');
    return;
  }
  void run.done.then(async (result) => {
    if (result.status === 'ok') await deliverReply(port, run, target, result.text, logger);
  });
}
