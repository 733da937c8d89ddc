import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { FeatureContext } from '../../composition/feature-context.js';
import { BIN_NAME_PATTERN } from './skill-metadata.js';

// `requires.bins` may be met on a connected node (openclaw-families.md §6). A node that declares
// `system.which` is asked, when it connects, which of the skills' bins it has; the answer counts
// while it stays connected. A node that does not answer, or may not be asked, has none.

const PROBE_TIMEOUT_MS = 10_000;

type Nodes = FeatureContext['nodes'];

function osOf(platform: string | undefined): string | undefined {
  const value = (platform ?? '').toLowerCase();
  if (value.includes('mac') || value.includes('darwin')) return 'darwin';
  if (value.includes('linux')) return 'linux';
  if (value.startsWith('win')) return 'win32';
  return undefined;
}

/** `system.which` answers `{bins: {name: path}}` (OpenClaw) or a list of names. */
export function binsOfWhichAnswer(payload: unknown): string[] {
  const bins = typeof payload === 'object' && payload !== null && Object.hasOwn(payload, 'bins') ? (payload as { bins: unknown }).bins : undefined;
  const names = Array.isArray(bins) ? bins : typeof bins === 'object' && bins !== null ? Object.entries(bins).filter(([, path]) => typeof path === 'string' && path !== '').map(([name]) => name) : [];
  return names.filter((name): name is string => typeof name === 'string' && BIN_NAME_PATTERN.test(name));
}

export class NodeBins {
  private readonly found = new Map<string, { bins: Set<string>; os?: string }>();

  constructor(
    private readonly nodes: Nodes,
    private readonly logger: Logger,
  ) {}

  /** Asks a node that just connected which of `wanted` it has. */
  async probe(nodeId: string, wanted: readonly string[]): Promise<void> {
    const live = this.nodes.registry.get(nodeId);
    if (!live) return;
    const os = osOf(live.metadata.platform);
    this.found.set(nodeId, { bins: new Set(), ...(os ? { os } : {}) });
    if (wanted.length === 0 || !live.declared.commands.includes('system.which')) return;
    try {
      const answer = await this.nodes.invoke({ nodeId, command: 'system.which', params: { bins: [...wanted] }, timeoutMs: PROBE_TIMEOUT_MS, idempotencyKey: randomUUID() });
      if (!this.nodes.registry.get(nodeId)) return;
      this.found.set(nodeId, { bins: new Set(binsOfWhichAnswer(answer.payload)), ...(os ? { os } : {}) });
    } catch (error) {
      this.logger.debug({ nodeId, error: (error as Error).message }, 'node did not say which skill bins it has');
    }
  }

  forget(nodeId: string): void {
    if (!this.nodes.registry.get(nodeId)) this.found.delete(nodeId);
  }

  bins(): Set<string> {
    return new Set([...this.found.values()].flatMap((node) => [...node.bins]));
  }

  /** Platforms of connected nodes that have a skill bin (where an `os`-bound skill could run). */
  platforms(): Set<string> {
    return new Set([...this.found.values()].flatMap((node) => (node.os && node.bins.size > 0 ? [node.os] : [])));
  }
}
