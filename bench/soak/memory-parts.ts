import { trendOf, type Trend } from './flatness.js';
import type { GatewaySample } from './gateway-sampler.js';

/**
 * What RSS is made of, each part followed on its own after warm-up so that a growing RSS says
 * which part grows. Not targets: the target is on RSS (settings.ts, FLAT_RULES).
 */
export const MEMORY_PARTS = [
  { label: 'RSS part: V8 heap (resident)', value: (sample: GatewaySample) => sample.memory?.v8PhysicalMiB },
  { label: 'RSS part: malloc brk heap', value: (sample: GatewaySample) => sample.rss?.brkMiB },
  {
    label: 'RSS part: other anonymous',
    value: (sample: GatewaySample) => (sample.rss && sample.memory ? sample.rss.anonymousMiB - sample.memory.v8PhysicalMiB : undefined),
  },
  { label: 'RSS part: file-backed', value: (sample: GatewaySample) => sample.rss?.fileMiB },
  { label: 'V8 heap used (a sawtooth)', value: (sample: GatewaySample) => sample.memory?.heapUsedMiB },
] as const;

export interface MemoryPartTrend extends Trend {
  label: string;
}

export function memoryPartTrends(samples: readonly GatewaySample[], warmupEndsMs: number): MemoryPartTrend[] {
  return MEMORY_PARTS.map(({ label, value }) => ({ label, ...trendOf(samples, value, warmupEndsMs) }));
}
