import type { GatewaySample } from './gateway-sampler.js';
import { FLAT_RULES, MIN_JUDGED_SAMPLES, type FlatMetric } from './settings.js';

const TEN_MINUTES_MS = 600_000;

/** Whether one metric stayed flat after warm-up, by the rule in settings.ts (FLAT_RULES). */
export interface FlatnessVerdict {
  metric: FlatMetric;
  warmupEndsMs: number;
  judgedSamples: number;
  /** First post-warm-up sample, last sample, and last − first. */
  first: number;
  last: number;
  drift: number;
  /** Least-squares slope over the post-warm-up samples, per 10 minutes. */
  slopePer10Min: number;
  min: number;
  max: number;
  pass: boolean;
  /** Set when there were too few samples to judge (pass is then false). */
  note?: string;
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

export function judgeFlatness(samples: readonly GatewaySample[], metric: FlatMetric, warmupEndsMs: number): FlatnessVerdict {
  const rule = FLAT_RULES[metric];
  const judged = samples.filter((sample) => sample.atMs >= warmupEndsMs);
  const values = judged.map((sample) => sample[metric]);
  const first = values[0] ?? Number.NaN;
  const last = values[values.length - 1] ?? Number.NaN;
  const slopePerMs = leastSquaresSlope(judged.map((sample) => ({ x: sample.atMs, y: sample[metric] })));
  const verdict: FlatnessVerdict = {
    metric,
    warmupEndsMs,
    judgedSamples: judged.length,
    first,
    last,
    drift: last - first,
    slopePer10Min: slopePerMs * TEN_MINUTES_MS,
    min: values.length > 0 ? Math.min(...values) : Number.NaN,
    max: values.length > 0 ? Math.max(...values) : Number.NaN,
    pass: false,
  };
  if (judged.length < MIN_JUDGED_SAMPLES) {
    return { ...verdict, note: `only ${judged.length} samples after warm-up (at least ${MIN_JUDGED_SAMPLES} needed): run longer` };
  }
  // Falling is fine (memory handed back, idle sockets closed); only growth counts against it.
  return { ...verdict, pass: verdict.slopePer10Min < rule.maxSlopePer10Min && verdict.drift < rule.maxDrift };
}
