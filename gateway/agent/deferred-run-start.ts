import type { ActiveRun } from './active-run.js';
import type { DeferredStartWrites } from './deferred-start-writes.js';
import type { RunEvents } from './run-events.js';
import { readRunStart, recordRunStart, type RunStart, type StartedRunRecord } from './run-start-record.js';
import type { GatewayStore } from './store/gateway-store.js';

export interface BegunRunStart extends StartedRunRecord {
  /** The start's writes and lifecycle `start` event; runs once, however often it is called; never throws. */
  recordStart: () => void;
  /** What recordStart failed with, once it has run and failed. */
  startFailure: () => { error: unknown } | undefined;
}

/**
 * The store's side of a run's start. Normally only its reads happen before the model request
 * (readRunStart); the writes and the lifecycle `start` event are `recordStart`, which the runtime
 * runs after the request has gone out and before the turn's first output (AgentRuntime.execute).
 * The writes wait in `writes` with those of the other runs started meanwhile, and the first of
 * them to need its rows commits them all (DeferredStartWrites), so this run's may be written, and
 * its `start` event sent, before its own recordStart is called. Until they commit the run is
 * still queued in the store: a crash before then starts it again after the restart, as a crash
 * before any start does. With system events waiting for the session the whole start is one
 * transaction first, as it always was (recordRunStart).
 *
 * A failed deferred write aborts the run; the runtime then rethrows it and the run ends as crashed.
 */
export function beginRunStart(store: GatewayStore, writes: DeferredStartWrites, run: ActiveRun, events: RunEvents, start: RunStart): BegunRunStart {
  const lifecycleStart = () => events.agent('lifecycle', { phase: 'start', startedAt: start.startedAt });
  const read = readRunStart(store, start);
  if (!read) {
    const record = recordRunStart(store, start);
    lifecycleStart();
    return { ...record, recordStart: () => undefined, startFailure: () => undefined };
  }
  let settled = false;
  let failure: { error: unknown } | undefined;
  writes.add({
    start,
    read,
    committed: () => {
      settled = true;
      lifecycleStart();
    },
    failed: (error) => {
      settled = true;
      failure = { error };
      run.abort('aborted');
    },
  });
  const recordStart = (): void => {
    if (!settled) writes.commitAll();
  };
  return { ...read, recordStart, startFailure: () => failure };
}
