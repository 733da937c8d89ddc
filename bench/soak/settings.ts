import type { ProviderStubOptions } from '../chat-latency/provider-stub.js';

/** A soak runs this long unless `--minutes N` or GATEHOUSE_SOAK_MINUTES says otherwise. */
export const DEFAULT_MINUTES = 30;
export const MINUTES_ENV = 'GATEHOUSE_SOAK_MINUTES';

/**
 * The run length in ms: `--minutes N` on the bench command line wins over the env var (run-all
 * leaves `--name value` options for the suites to read). Fractions are fine for a smoke run.
 */
export function soakDurationMs(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): number {
  const flag = argv.findIndex((arg) => arg === '--minutes' || arg.startsWith('--minutes='));
  const text = flag < 0 ? env[MINUTES_ENV] : (argv[flag]?.split('=')[1] ?? argv[flag + 1]);
  if (text === undefined || text === '') return DEFAULT_MINUTES * 60_000;
  const minutes = Number(text);
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new RangeError(`soak: --minutes / ${MINUTES_ENV} must be a positive number of minutes; got ${JSON.stringify(text)}`);
  }
  return minutes * 60_000;
}

/** The gateway's RSS and handles are read this often. */
export const SAMPLE_INTERVAL_MS = 10_000;

/**
 * Warm-up: the first 20 % of the run (6 min of 30) at least. The first load grows the heap to its
 * working size and fills caches and pools; only what comes after is judged.
 */
export const WARMUP_FRACTION = 0.2;

/**
 * SQLite's page cache per connection: cache_size -2000, i.e. 2,000 KiB, SQLite's default — the
 * gateway's store sets none (gateway/core/store/database.ts; change this with it). The cache keeps
 * every page the connection reads or writes until it holds this much, and the soak's gateway
 * starts on an empty database that grows ~0.25 MB a minute: the cache fills in malloc'd memory
 * (RSS) for the first ~9 minutes, 1.6–2 MiB in all, then stays. A gateway in real use has a
 * database past this size and a full cache, so warm-up also lasts until the database file holds
 * this many bytes (it trails the WAL by at most one checkpoint, so the cache is full by then).
 */
export const SQLITE_PAGE_CACHE_BYTES = 2_000 * 1024;

/** Fewer post-warm-up samples than this and the flatness verdict says so instead of guessing. */
export const MIN_JUDGED_SAMPLES = 6;

/**
 * "Flat" after warm-up, per metric: the least-squares slope over every post-warm-up sample, scaled
 * to 10 minutes, stays under `maxSlopePer10Min`, and the last sample minus the first post-warm-up
 * sample stays under `maxDrift`. The drift bound on RSS leaves room for one garbage-collection
 * sawtooth (the gateway lets its heap grow 3× before a full collection, see heap-growth.ts);
 * handles get a few in-flight sockets' worth (a provider stream, a reconnecting client).
 * What RSS still does after warm-up, measured (README, soak): no JavaScript object grows (heap
 * snapshots at 10 and 29 min: +0.6 MiB, all compiled code); V8's 256 KiB pages are touched for the
 * first time, slowly (resident 37.1 → 38.0 MiB of 42 MiB mapped from 8 to 28 min), and JIT code
 * pages grow a little (4.0 → 4.4 MiB): bounded. Three 30-minute runs: +2.35, +1.78, +0.74 MiB/10 min.
 */
export const FLAT_RULES = {
  rssMiB: { label: 'RSS', unit: 'MiB', maxSlopePer10Min: 2, maxDrift: 8 },
  fds: { label: 'file descriptors', unit: 'fds', maxSlopePer10Min: 5, maxDrift: 5 },
  sockets: { label: 'sockets', unit: 'sockets', maxSlopePer10Min: 5, maxDrift: 5 },
} as const;
export type FlatMetric = keyof typeof FLAT_RULES;

/**
 * The traffic mix, per minute, each kind on its own fixed schedule (open loop: an operation starts
 * on time whether or not the last one has finished, up to `maxInFlight`). About 3 operations a
 * second in all — a busy personal gateway, kept up for the whole run.
 */
export const TRAFFIC = {
  chat: { perMinute: 60, maxInFlight: 8, timeoutMs: 30_000 },
  approval: { perMinute: 30, maxInFlight: 8, timeoutMs: 15_000 },
  nodeInvoke: { perMinute: 60, maxInFlight: 8, timeoutMs: 15_000 },
  reconnect: { perMinute: 20, maxInFlight: 3, timeoutMs: 15_000 },
  // One at a time: each edit writes against the hash the previous one produced.
  configEdit: { perMinute: 6, maxInFlight: 1, timeoutMs: 15_000 },
} as const;
export type OperationName = keyof typeof TRAFFIC;

/**
 * The priming round before the idle baseline (priming.ts): how many of each kind it runs. Two
 * config edits flip `logging.level` away and back, so the run's first edit still changes it; six
 * reconnect turns give each of the three slots one connect after a close frame and one after a
 * cut connection.
 */
export const PRIMING_ROUNDS: Readonly<Record<OperationName, number>> = { chat: 1, approval: 2, nodeInvoke: 1, reconnect: 6, configEdit: 2 };

/**
 * The priming round numbers its operations from here, past any run's own (30 minutes make at most
 * 1,800 of a kind), so its chat sessions and approval commands are its own. A multiple of 6: the
 * reconnect slot (n mod 3), its close style (round parity) and the config edit's level (n mod 2)
 * start where the run's n = 0 does.
 */
export const PRIMING_FIRST_N = 600_000;

/** A short reply (20 tokens, 10 ms apart): each chat run streams for about a quarter second. */
export const PROVIDER: ProviderStubOptions = { tokens: 20, intervalMs: 10, firstTokenDelayMs: 10, model: 'soak-model' };

/** The log levels the config edits alternate between (a hot key: no restart, see restart-rules.ts). */
export const CONFIG_EDIT_LEVELS = ['warn', 'info'] as const;

/** How long the run's own clients get to connect, the node to pair, and the gateway to settle. */
export const SETUP_TIMEOUT_MS = 20_000;
/**
 * After the priming round and after the traffic, once every client has gone, handles get this
 * long to return to the idle count (the provider keep-alive socket takes ~4 s to close).
 */
export const SETTLE_AFTER_MS = 10_000;
