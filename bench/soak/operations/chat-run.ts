import { randomUUID } from 'node:crypto';
import { forEachMarker } from '../../chat-latency/token-marker.js';
import { isRecord, type SoakClient } from '../soak-client.js';

interface ChatEnd {
  runId?: unknown;
  state?: unknown;
  errorMessage?: unknown;
  message?: { content?: { text?: unknown }[] };
}

/**
 * One chat run in a fresh session (`soak-<n>`), as a new conversation in a chat UI starts: send,
 * wait for the run's last `chat` event, and check it is `final` with every token the provider
 * stand-in streamed (each carries a marker, chat-latency/token-marker.ts).
 */
export function chatRun(operator: SoakClient, tokens: number, timeoutMs: number): (n: number) => Promise<void> {
  return async (n) => {
    const runId = randomUUID();
    const sessionKey = `soak-${n}`;
    const abort = new AbortController();
    try {
      const ended = operator.waitForEvent('chat', (payload) => isRecord(payload) && payload.runId === runId && payload.state !== 'delta', timeoutMs, abort.signal);
      const started = await operator.call('chat.send', { sessionKey, message: 'go', idempotencyKey: runId }, timeoutMs);
      if (!isRecord(started) || started.status !== 'started') throw new Error(`chat.send answered ${JSON.stringify(started)} instead of status "started"`);
      const end = (await ended) as ChatEnd;
      if (end.state !== 'final') throw new Error(`${sessionKey}: chat ended ${String(end.state)}: ${String(end.errorMessage ?? 'no message')}`);
      const text = end.message?.content?.[0]?.text;
      const markers = forEachMarker(typeof text === 'string' ? text : '', () => undefined);
      if (markers !== tokens) throw new Error(`${sessionKey}: the final message holds ${markers} of ${tokens} tokens`);
    } finally {
      abort.abort();
    }
  };
}
