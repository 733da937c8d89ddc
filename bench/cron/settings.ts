/** What `npm run bench -- cron` measures and judges (issue 13, "Benchmarks"). */
export const CRON_BENCH = {
  /** Enabled jobs in the store. */
  jobs: 10_000,
  /** Jobs due at the same instant, per round ("while 50 are due in the same second"). */
  dueJobsPerRound: 50,
  rounds: 3,
  roundSpacingMs: 2_000,
  /** Sequential `cron.list` calls of all 10,000 jobs (after one warm-up call). */
  listCalls: 30,
  /** Starts measured with an empty store and with 10,000 jobs (after one warm-up start each). */
  starts: 3,
  /** Time after hello-ok before RSS is read: start-up garbage settles, the scheduler is armed. */
  rssSettleMs: 1_500,
  /** Extra wait after the last round for its `started` events. */
  lastRoundGraceMs: 3_000,
} as const;

export const TARGETS = {
  listP50Ms: 50,
  rssPer10kJobsMiB: 20,
  latenessP99Ms: 50,
} as const;
