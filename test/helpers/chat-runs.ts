import type { Frame, RawClient } from './protocol-client.js';

/** The `chat` event that ends a run: final, aborted or error. */
export function runEnd(client: RawClient, runId: string, timeoutMs = 10_000): Promise<Frame> {
  return client.next(
    (frame) => frame.event === 'chat' && frame.payload?.runId === runId && ['final', 'aborted', 'error'].includes(frame.payload.state),
    timeoutMs,
    `end of run ${runId}`,
  );
}
