import { within } from '../connections.js';
import { ScenarioRecorder, startSlot, type StreamScenario, type StreamScenarioResult } from './batch.js';
import type { ProviderStub } from './provider-stub.js';
import { clockNow, TokenLedger } from './token-marker.js';

/**
 * The ceiling: the provider's SSE read straight from the bench process with fetch (undici, as the
 * gateway's AI SDK uses), parsed as SSE, the content's markers timed on arrival. It is the
 * transport floor a gateway cannot beat: same provider, same clock, one HTTP hop, no WebSocket.
 */

interface StreamOutcome {
  ledger: TokenLedger;
  bytes: number;
  reads: number;
  /** When fetch() was called (clockNow() scale). */
  requestSentAt: number;
}

async function readOneStream(provider: ProviderStub, signal: AbortSignal): Promise<StreamOutcome> {
  const ledger = new TokenLedger(provider.options.tokens);
  const startedAt = clockNow();
  const response = await fetch(`${provider.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: JSON.stringify({
      model: provider.options.model,
      messages: [{ role: 'user', content: 'go' }],
      stream: true,
      stream_options: { include_usage: true },
    }),
    signal,
  });
  if (!response.ok || !response.body) throw new Error(`provider answered ${response.status}: ${await response.text()}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let sawDone = false;
  let sawStop = false;
  let bytes = 0;
  let reads = 0;
  for (;;) {
    const { done, value } = await reader.read();
    const receivedAt = clockNow();
    if (done) break;
    bytes += value.byteLength;
    reads += 1;
    buffer += decoder.decode(value, { stream: true });
    let boundary = buffer.indexOf('\n\n');
    while (boundary >= 0) {
      const event = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      boundary = buffer.indexOf('\n\n');
      for (const line of event.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const data = line.slice(6);
        if (data === '[DONE]') {
          sawDone = true;
          continue;
        }
        const chunk = JSON.parse(data) as { choices?: { delta?: { content?: string }; finish_reason?: string | null }[] };
        const choice = chunk.choices?.[0];
        if (choice?.finish_reason === 'stop') sawStop = true;
        const content = choice?.delta?.content;
        if (content) ledger.record(content, receivedAt);
      }
    }
  }
  if (!sawDone || !sawStop) throw new Error(`direct stream ended without ${sawStop ? '[DONE]' : 'finish_reason "stop"'} after ${ledger.count} tokens`);
  return { ledger, bytes, reads, requestSentAt: startedAt };
}

/** `streams` concurrent reads started `spacingMs` apart; rejects if any fails or the round outlasts `timeoutMs`. */
async function directRound(provider: ProviderStub, streams: number, spacingMs: number, timeoutMs: number): Promise<StreamOutcome[]> {
  const controller = new AbortController();
  const start = performance.now();
  // Settle every stream before reporting, so a failed round leaves nothing reading in the background.
  const reads = Array.from({ length: streams }, (_, index) => startSlot(start, index, spacingMs).then(() => readOneStream(provider, controller.signal)));
  const work = Promise.allSettled(reads).then((settled) => {
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((outcome) => (outcome as PromiseFulfilledResult<StreamOutcome>).value);
  });
  try {
    return await within(work, timeoutMs, () => {
      controller.abort();
      throw new Error(`${streams} direct stream(s) did not finish within ${timeoutMs} ms`);
    });
  } catch (error) {
    controller.abort();
    await work.catch(() => undefined);
    throw error;
  }
}

export async function measureDirect(provider: ProviderStub, scenario: StreamScenario): Promise<StreamScenarioResult> {
  provider.setPace(scenario.intervalMs);
  for (let index = 0; index < scenario.warmupRounds; index += 1) await directRound(provider, 1, 0, scenario.roundTimeoutMs);
  const recorder = new ScenarioRecorder(scenario, provider);
  for (let round = 0; round < scenario.rounds; round += 1) {
    recorder.beginRound();
    const outcomes = await directRound(provider, scenario.sessions, scenario.startSpacingMs, scenario.roundTimeoutMs);
    recorder.endRound(
      outcomes.map(({ ledger, requestSentAt }) => ({ ledger, requestSentAt })),
      { bytes: outcomes.reduce((sum, outcome) => sum + outcome.bytes, 0), messages: outcomes.reduce((sum, outcome) => sum + outcome.reads, 0) },
    );
  }
  return recorder.result();
}
