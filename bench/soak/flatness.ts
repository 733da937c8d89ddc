import type { GatewaySample } from './gateway-sampler.js';
import { MIB } from '../process-stats.js';
import { FLAT_RULES, MIN_JUDGED_SAMPLES, SQLITE_PAGE_CACHE_BYTES, WARMUP_FRACTION, type FlatMetric } from './settings.js';

const TEN_MINUTES_MS = 600_000;

/** Whether one metric stayed flat after warm-up, by the rule in settings.ts (FLAT_RULES). */
export interface FlatnessVerdict extends Trend {
  metric: FlatMetric;
  warmupEndsMs: number;
  pass: boolean;
  /** Set when there were too few samples to judge (pass is then false). */
  note?: string;
}

/**
 * When the judged part of the run starts: WARMUP_FRACTION of the run, or later, at the first
 * sample whose database file had outgrown SQLite's page cache (settings.ts). A run in which it never
 * did is warm-up throughout and gets no verdict (too few samples), rather than one that counts the
 * cache filling as growth. Samples without a store reading (it could not be found) leave the
 * fraction alone.
 */
export function warmupEnd(samples: readonly GatewaySample[], plannedMs: number): number {
  const byFraction = plannedMs * WARMUP_FRACTION;
  if (!samples.some((sample) => sample.store !== undefined)) return byFraction;
  const cacheFull = samples.find((sample) => sample.store !== undefined && sample.store.databaseMiB * MIB >= SQLITE_PAGE_CACHE_BYTES);
  return Math.max(byFraction, cacheFull?.atMs ?? Number.POSITIVE_INFINITY);
}

/** Ordinary least squares slope of y over x; NaN with fewer than two distinct x. */
export function leastSquaresSlope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const { x, y } of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return variance === 0 ? Number.NaN : covariance / variance;
}

/** How one figure moved over the samples from `warmupEndsMs` on (those that have it). */
export interface Trend {
  judgedSamples: number;
  /** First post-warm-up sample, last sample, and last − first. */
  first: number;
  last: number;
  drift: number;
  /** Least-squares slope over the post-warm-up samples, per 10 minutes. */
  slopePer10Min: number;
  min: number;
  max: number;
}

export function trendOf(samples: readonly GatewaySample[], value: (sample: GatewaySample) => number | undefined, warmupEndsMs: number): Trend {
  const points = samples.flatMap((sample) => {
    const y = sample.atMs >= warmupEndsMs ? value(sample) : undefined;
    return y === undefined ? [] : [{ x: sample.atMs, y }];
  });
  const values = points.map((point) => point.y);
  const first = values[0] ?? Number.NaN;
  const last = values[values.length - 1] ?? Number.NaN;
  return {
    judgedSamples: points.length,
    first,
    last,
    drift: last - first,
    slopePer10Min: leastSquaresSlope(points) * TEN_MINUTES_MS,
    min: values.length > 0 ? Math.min(...values) : Number.NaN,
    max: values.length > 0 ? Math.max(...values) : Number.NaN,
  };
}

export function judgeFlatness(samples: readonly GatewaySample[], metric: FlatMetric, warmupEndsMs: number): FlatnessVerdict {
  const rule = FLAT_RULES[metric];
  const verdict: FlatnessVerdict = { metric, warmupEndsMs, ...trendOf(samples, (sample) => sample[metric], warmupEndsMs), pass: false };
  if (verdict.judgedSamples < MIN_JUDGED_SAMPLES) {
    return { ...verdict, note: `only ${verdict.judgedSamples} samples after warm-up (at least ${MIN_JUDGED_SAMPLES} needed): run longer` };
  }
  // Falling is fine (memory handed back, idle sockets closed); only growth counts against it.
  return { ...verdict, pass: verdict.slopePer10Min < rule.maxSlopePer10Min && verdict.drift < rule.maxDrift };
}
