import { distribution, type Distribution } from '../percentiles.js';
import { readCpuSeconds } from '../process-stats.js';
import type { ProviderStub } from './provider-stub.js';
import type { TokenLedger } from './token-marker.js';

/** One scenario: `sessions` streams at once, repeated `rounds` times, after `warmupRounds` single-stream runs. */
export interface StreamScenario {
  sessions: number;
  /** Provider token spacing for this scenario (first token ≥ this long after the request too). */
  intervalMs: number;
  /**
   * Session n's request goes out n × this after the first (0: all in the same instant). Both
   * readers use the same schedule.
   */
  startSpacingMs: number;
  rounds: number;
  warmupRounds: number;
  /** Budget for one round, from the first request to the last stream's end. */
  roundTimeoutMs: number;
}

/** What one reader (gateway or direct) measured in a scenario. */
export interface StreamScenarioResult extends StreamScenario {
  tokensPerStream: number;
  tokensExpected: number;
  tokensMeasured: number;
  /** Markers never received (streams that ended or failed early). */
  missingTokens: number;
  /** Markers seen twice (or with an index past the stream's length). */
  duplicateTokens: number;
  /** Provider wrote the token → the reader had it (ms). */
  latencyMs: Distribution;
  /**
   * Request sent (chat.send / fetch) → first token received (ms), as it happened: it includes the
   * provider's wait before the first token, which is its first-token delay rounded up to the
   * stream's slot on the token grid (provider-stub.ts) — anything from that delay to one interval
   * more, depending on where on the grid the request happened to land.
   */
  firstTokenMs: Distribution;
  /**
   * The same with the provider's wait before the first token taken out and its set first-token
   * delay put back: (request sent → provider received it) + first-token delay + (first token
   * written → received). Both readers then face the same provider; the difference is the reader's.
   */
  firstTokenSetDelayMs: Distribution;
  /** Most provider streams open at once: shows the sessions really streamed concurrently. */
  providerPeakConcurrent: number;
  /** How late the provider's token timers ran (ms); high values mean the bench process itself was busy. */
  providerWriteLagMs: Distribution;
  /** Bytes that reached the reader per token: SSE bytes (ceiling) or every event frame (gateway: `agent` and `chat`). */
  wireBytesPerToken: number;
  /** Chunks (ceiling: fetch body reads) or event frames (gateway) the reader got per token. */
  messagesPerToken: number;
  /** Tokens per second the provider writes while every session streams: sessions × 1000 / intervalMs. */
  tokensPerSecondOffered: number;
  /** Tokens per second through the reader during the measured rounds (round start to last stream's end). */
  tokensPerSecond: number;
  /** CPU over the measured rounds, % of one core: the bench process (provider + reader) and the gateway. */
  benchCpuPercent: number;
  gatewayCpuPercent?: number;
}

/** One stream of a round as a reader saw it: its token markers and when its request was sent (clockNow() scale). */
export interface StreamRecord {
  ledger: TokenLedger;
  requestSentAt: number;
}

/** Resolves at `start + index × spacingMs` (performance.now() scale): session `index`'s turn to start. */
export function startSlot(start: number, index: number, spacingMs: number): Promise<void> {
  const wait = start + index * spacingMs - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}

/** Collects the measured rounds of one scenario into a StreamScenarioResult. */
export class ScenarioRecorder {
  private readonly latencies: number[] = [];
  private readonly firstTokens: number[] = [];
  private readonly firstTokensSetDelay: number[] = [];
  private tokensMeasured = 0;
  private wireBytes = 0;
  private messages = 0;
  private duplicates = 0;
  private activeMs = 0;
  private peakConcurrent = 0;
  private readonly writeLags: number[] = [];
  private benchCpuMicros = 0;
  private gatewayCpuSeconds = 0;
  private roundStart: { at: number; cpu: NodeJS.CpuUsage; gatewayCpu: number | undefined } | undefined;

  constructor(
    private readonly scenario: StreamScenario,
    private readonly provider: ProviderStub,
    private readonly gatewayPid?: number,
  ) {}

  /** Called right before a measured round sends its requests. */
  beginRound(): void {
    this.provider.resetStats();
    this.roundStart = {
      at: performance.now(),
      cpu: process.cpuUsage(),
      gatewayCpu: this.gatewayPid === undefined ? undefined : readCpuSeconds(this.gatewayPid),
    };
  }

  /** Called once every stream of the round has ended; `wire` is what the reader received in the round. */
  endRound(streams: readonly StreamRecord[], wire: { bytes: number; messages: number }): void {
    const start = this.roundStart;
    if (!start) throw new Error('endRound without beginRound');
    this.roundStart = undefined;
    this.activeMs += performance.now() - start.at;
    const cpu = process.cpuUsage(start.cpu);
    this.benchCpuMicros += cpu.user + cpu.system;
    if (this.gatewayPid !== undefined && start.gatewayCpu !== undefined) this.gatewayCpuSeconds += (readCpuSeconds(this.gatewayPid) ?? start.gatewayCpu) - start.gatewayCpu;
    const setDelay = this.provider.options.firstTokenDelayMs;
    for (const { ledger, requestSentAt } of streams) {
      for (const latency of ledger.latencies) this.latencies.push(latency);
      this.tokensMeasured += ledger.count;
      this.duplicates += ledger.duplicates;
      const firstTokenMs = ledger.firstAt - requestSentAt;
      if (Number.isFinite(firstTokenMs)) this.firstTokens.push(firstTokenMs);
      const withSetDelay = firstTokenMs - ledger.providerFirstTokenWaitMs + setDelay;
      if (Number.isFinite(withSetDelay)) this.firstTokensSetDelay.push(withSetDelay);
    }
    this.wireBytes += wire.bytes;
    this.messages += wire.messages;
    const stats = this.provider.stats;
    this.peakConcurrent = Math.max(this.peakConcurrent, stats.peakConcurrent);
    this.writeLags.push(...stats.writeLagMs);
  }

  result(): StreamScenarioResult {
    const tokensPerStream = this.provider.options.tokens;
    const tokensExpected = this.scenario.sessions * this.scenario.rounds * tokensPerStream;
    const seconds = this.activeMs / 1_000;
    return {
      ...this.scenario,
      tokensPerStream,
      tokensExpected,
      tokensMeasured: this.tokensMeasured,
      missingTokens: tokensExpected - this.tokensMeasured,
      duplicateTokens: this.duplicates,
      latencyMs: distribution(this.latencies),
      firstTokenMs: distribution(this.firstTokens),
      firstTokenSetDelayMs: distribution(this.firstTokensSetDelay),
      providerPeakConcurrent: this.peakConcurrent,
      providerWriteLagMs: distribution(this.writeLags),
      wireBytesPerToken: this.tokensMeasured > 0 ? this.wireBytes / this.tokensMeasured : Number.NaN,
      messagesPerToken: this.tokensMeasured > 0 ? this.messages / this.tokensMeasured : Number.NaN,
      tokensPerSecondOffered: (this.scenario.sessions * 1_000) / this.scenario.intervalMs,
      tokensPerSecond: seconds > 0 ? this.tokensMeasured / seconds : Number.NaN,
      benchCpuPercent: seconds > 0 ? this.benchCpuMicros / 1e6 / seconds * 100 : Number.NaN,
      ...(this.gatewayPid !== undefined ? { gatewayCpuPercent: seconds > 0 ? (this.gatewayCpuSeconds / seconds) * 100 : Number.NaN } : {}),
    };
  }
}
