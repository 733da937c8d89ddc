import { afterEach, describe, expect, it } from 'vitest';
import { ScenarioRecorder } from '../../../bench/chat-latency/batch.js';
import { measureDirect } from '../../../bench/chat-latency/direct-reader.js';
import { ProviderStub } from '../../../bench/chat-latency/provider-stub.js';
import { forEachMarker, tokenContent, TokenLedger } from '../../../bench/chat-latency/token-marker.js';

describe('chat-latency first token', () => {
  let provider: ProviderStub | undefined;
  afterEach(async () => {
    await provider?.stop();
    provider = undefined;
  });

  it('a first marker carries when the provider received the request; the ledger keeps the wait before it', () => {
    const first = tokenContent(0, 1_000.5, 990.25);
    const second = tokenContent(1, 1_020.5);
    const found: [number, number, number | undefined][] = [];
    expect(forEachMarker(`${first}${second}`, (index, sentAt, received) => found.push([index, sentAt, received]))).toBe(2);
    expect(found).toEqual([
      [0, 1_000.5, 990.25],
      [1, 1_020.5, undefined],
    ]);
    const ledger = new TokenLedger(2);
    ledger.record(first, 1_001);
    ledger.record(second, 1_021);
    expect(ledger.providerFirstTokenWaitMs).toBeCloseTo(10.25, 6);
    expect(ledger.count).toBe(2);
  });

  it('the judged figure is request → first token with the provider’s wait replaced by its set delay', async () => {
    provider = await ProviderStub.start({ tokens: 1, intervalMs: 20, firstTokenDelayMs: 20, model: 'm' });
    const scenario = { sessions: 1, intervalMs: 20, startSpacingMs: 0, rounds: 1, warmupRounds: 0, roundTimeoutMs: 10_000 };
    const recorder = new ScenarioRecorder(scenario, provider);
    recorder.beginRound();
    // Sent at 1000; the provider had it at 1002, held it to its grid slot at 1030; read at 1031.
    const ledger = new TokenLedger(1);
    ledger.record(tokenContent(0, 1_030, 1_002), 1_031);
    recorder.endRound([{ ledger, requestSentAt: 1_000 }], { bytes: 0, messages: 0 });
    const result = recorder.result();
    expect(result.firstTokenMs.p50).toBeCloseTo(31, 6);
    // 2 ms to the provider + its set 20 ms + 1 ms back.
    expect(result.firstTokenSetDelayMs.p50).toBeCloseTo(23, 6);
  });

  it('a live stream carries the request time: its wait is at least the set delay, so the judged figure is never above the raw one', async () => {
    provider = await ProviderStub.start({ tokens: 2, intervalMs: 20, firstTokenDelayMs: 20, model: 'm' });
    const result = await measureDirect(provider, { sessions: 3, intervalMs: 20, startSpacingMs: 7, rounds: 1, warmupRounds: 0, roundTimeoutMs: 10_000 });
    expect(result.firstTokenSetDelayMs.count).toBe(3);
    expect(result.firstTokenSetDelayMs.min).toBeGreaterThanOrEqual(20);
    // Node's timers work in whole milliseconds of a loop time read at the start of the iteration,
    // so the stand-in's first write may come up to 1 ms before its set delay is over.
    expect(result.firstTokenSetDelayMs.max).toBeLessThanOrEqual(result.firstTokenMs.max + 1);
    expect(result.firstTokenSetDelayMs.p50).toBeLessThanOrEqual(result.firstTokenMs.p50 + 1);
  });
});
