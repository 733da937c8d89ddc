import { randomUUID } from 'node:crypto';
import type { BenchClient } from '../bench-client.js';
import { describeError, within } from '../connections.js';
import { ScenarioRecorder, startSlot, type StreamScenario, type StreamScenarioResult } from './batch.js';
import type { ProviderStub } from './provider-stub.js';
import { clockAt, clockNow, forEachMarker, TokenLedger } from './token-marker.js';

/**
 * The gateway path: one operator sends `chat.send` for each session and reads the `chat` events
 * the gateway streams back. Each `state: "delta"` event's `deltaText` is the new text; its markers
 * are timed against the moment the frame reached the client (BenchClient stamps it before any
 * parsing). Deltas are read from the raw frame without JSON.parse — the payload also carries the
 * cumulative text, and parsing it on every token would make the client, not the gateway, the
 * bottleneck — while the few final/error frames are parsed in full.
 */

const RUN_ID_KEY = Buffer.from('"runId":"');
const DELTA_TEXT_KEY = Buffer.from('"deltaText":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

interface ChatPayload {
  runId?: string;
  state?: string;
  deltaText?: string;
  errorMessage?: string;
  message?: { content?: { text?: string }[] };
}

interface GatewayRun {
  runId: string;
  sessionKey: string;
  ledger: TokenLedger;
  sentAt: number;
  /** Set once the run has ended (final) or failed; a failure text makes the round fail. */
  ended: boolean;
  failure?: string;
  /** Markers in the final event's cumulative text: every token must be in it. */
  finalMarkers?: number;
}

/** Reads the JSON string value that starts right after `key`, if it has no escapes. */
function rawString(raw: Buffer, key: Buffer, from = 0): string | undefined {
  const at = raw.indexOf(key, from);
  if (at < 0) return undefined;
  const start = at + key.length;
  const end = raw.indexOf(QUOTE, start);
  if (end < 0) return undefined;
  const backslash = raw.indexOf(BACKSLASH, start);
  if (backslash >= 0 && backslash < end) return undefined;
  return raw.toString('utf8', start, end);
}

let sessionCounter = 0;
/** `bench-<n>`, unique for the whole bench process: every run starts a fresh session. */
function nextSessionKey(): string {
  sessionCounter += 1;
  return `bench-${sessionCounter}`;
}

interface RoundOutcome {
  runs: GatewayRun[];
  /** Every event frame (any event) received during the round. */
  wire: { bytes: number; messages: number };
}

async function gatewayRound(client: BenchClient, tokens: number, sessions: number, spacingMs: number, timeoutMs: number): Promise<RoundOutcome> {
  const runs = new Map<string, GatewayRun>();
  const wire = { bytes: 0, messages: 0 };
  let remaining = sessions;
  let allEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (allEnded = resolve));
  const end = (run: GatewayRun, failure?: string) => {
    if (run.ended) return;
    run.ended = true;
    if (failure !== undefined) run.failure = failure;
    remaining -= 1;
    if (remaining === 0) allEnded();
  };

  client.onEvent((event, raw, receivedAt) => {
    wire.bytes += raw.length;
    wire.messages += 1;
    if (event !== 'chat') return;
    const runId = rawString(raw, RUN_ID_KEY);
    const quick = runId === undefined ? undefined : runs.get(runId);
    if (quick) {
      const delta = rawString(raw, DELTA_TEXT_KEY);
      if (delta !== undefined) {
        quick.ledger.record(delta, clockAt(receivedAt));
        return;
      }
    }
    // Not a plain delta (final, error, aborted, or a delta with escapes): parse the whole frame.
    const payload = (JSON.parse(raw.toString('utf8')) as { payload?: ChatPayload }).payload ?? {};
    const run = payload.runId === undefined ? undefined : runs.get(payload.runId);
    if (!run) return; // another round's run
    switch (payload.state) {
      case 'delta':
        run.ledger.record(payload.deltaText ?? '', clockAt(receivedAt));
        break;
      case 'final':
        run.finalMarkers = forEachMarker(payload.message?.content?.[0]?.text ?? '', () => undefined);
        end(run);
        break;
      default:
        end(run, `${run.sessionKey}: chat ${payload.state ?? '(no state)'}: ${payload.errorMessage ?? 'no message'}`);
    }
  });

  try {
    const start = performance.now();
    for (let index = 0; index < sessions; index += 1) {
      await startSlot(start, index, spacingMs);
      const run: GatewayRun = { runId: randomUUID(), sessionKey: nextSessionKey(), ledger: new TokenLedger(tokens), sentAt: 0, ended: false };
      runs.set(run.runId, run);
      run.sentAt = clockNow();
      client.send('chat.send', { sessionKey: run.sessionKey, message: 'go', idempotencyKey: run.runId }, (response) => {
        if (!response.ok) end(run, `chat.send for ${run.sessionKey} failed: ${describeError(response)}`);
        else if ((response.payload as { status?: unknown } | undefined)?.status !== 'started') {
          end(run, `chat.send for ${run.sessionKey} answered ${JSON.stringify(response.payload)} instead of status "started"`);
        }
      });
    }
    await within(ended, timeoutMs, () => {
      const unfinished = [...runs.values()].filter((run) => !run.ended);
      // Stop what is still streaming so the next scenario starts on a quiet gateway.
      for (const run of unfinished) client.send('chat.abort', { sessionKey: run.sessionKey, runId: run.runId }, () => undefined);
      throw new Error(`${unfinished.length} of ${sessions} chat run(s) had no final event within ${timeoutMs} ms`);
    });
  } finally {
    client.onEvent(undefined);
  }
  const failed = [...runs.values()].find((run) => run.failure !== undefined);
  if (failed) throw new Error(failed.failure);
  return { runs: [...runs.values()], wire };
}

export interface GatewayScenarioResult extends StreamScenarioResult {
  /** Final events whose cumulative text did not hold every token's marker. */
  finalsMissingTokens: number;
}

export async function measureGateway(
  client: BenchClient,
  provider: ProviderStub,
  scenario: StreamScenario,
  gatewayPid: number,
): Promise<GatewayScenarioResult> {
  const tokens = provider.options.tokens;
  provider.setPace(scenario.intervalMs);
  for (let index = 0; index < scenario.warmupRounds; index += 1) await gatewayRound(client, tokens, 1, 0, scenario.roundTimeoutMs);
  const recorder = new ScenarioRecorder(scenario, provider, gatewayPid);
  let finalsMissingTokens = 0;
  for (let round = 0; round < scenario.rounds; round += 1) {
    recorder.beginRound();
    const { runs, wire } = await gatewayRound(client, tokens, scenario.sessions, scenario.startSpacingMs, scenario.roundTimeoutMs);
    recorder.endRound(
      runs.map((run) => ({ ledger: run.ledger, requestSentAt: run.sentAt })),
      wire,
    );
    finalsMissingTokens += runs.filter((run) => run.finalMarkers !== tokens).length;
  }
  return { ...recorder.result(), finalsMissingTokens };
}
