import type { GatewayInspector } from './gateway-inspector.js';
import { MIB } from '../process-stats.js';

/** The gateway's own view of its memory: process.memoryUsage() and V8's heap, in MiB. */
export interface GatewayMemory {
  heapUsedMiB: number;
  heapTotalMiB: number;
  /** Memory V8 is told about that lives outside its heap: Buffers, ArrayBuffers, external strings. */
  externalMiB: number;
  arrayBuffersMiB: number;
  /** Pages of the V8 heap (every space) that are resident: V8's share of RSS. */
  v8PhysicalMiB: number;
  /** Resident size of each V8 heap space by name (`new_space`, `old_space`, `code_space`, …). */
  spacesMiB: Record<string, number>;
}

/** Evaluated in the gateway's main context; plain values only, so the inspector returns them by value. */
export const MEMORY_EXPRESSION = `(() => {
  const v8 = process.getBuiltinModule('node:v8');
  const usage = process.memoryUsage();
  return {
    heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers,
    physical: v8.getHeapStatistics().total_physical_size,
    spaces: v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.physical_space_size]),
  };
})()`;

interface RawMemory {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  physical: number;
  spaces: [string, number][];
}

function isRawMemory(value: unknown): value is RawMemory {
  if (typeof value !== 'object' || value === null) return false;
  const raw = value as Record<string, unknown>;
  return (
    ['heapUsed', 'heapTotal', 'external', 'arrayBuffers', 'physical'].every((key) => typeof raw[key] === 'number') &&
    Array.isArray(raw.spaces) &&
    raw.spaces.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number')
  );
}

/** MEMORY_EXPRESSION's value in MiB; undefined for anything else (an older Node, a changed shape). */
export function toGatewayMemory(value: unknown): GatewayMemory | undefined {
  if (!isRawMemory(value)) return undefined;
  return {
    heapUsedMiB: value.heapUsed / MIB,
    heapTotalMiB: value.heapTotal / MIB,
    externalMiB: value.external / MIB,
    arrayBuffersMiB: value.arrayBuffers / MIB,
    v8PhysicalMiB: value.physical / MIB,
    spacesMiB: Object.fromEntries(value.spaces.filter(([, bytes]) => bytes > 0).map(([name, bytes]) => [name, bytes / MIB])),
  };
}

export async function readGatewayMemory(inspector: GatewayInspector, timeoutMs: number): Promise<GatewayMemory | undefined> {
  return toGatewayMemory(await inspector.evaluate(MEMORY_EXPRESSION, timeoutMs));
}
