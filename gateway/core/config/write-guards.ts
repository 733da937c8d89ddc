import { ConfigWriteError } from './errors.js';
import { isPlainObject } from './object-paths.js';

// config.md §1.7: refusals that protect a file from an accidental overwrite (OpenClaw's
// clobber guard), checked before anything is written.

/** Below this size a file legitimately halves when one section is removed. */
const CLOBBER_GUARD_MIN_BYTES = 512;

export function isConfigReadOnly(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.GATEHOUSE_CONFIG_READONLY === '1' || env.OPENCLAW_CONFIG_READONLY === '1';
}

/** Agent ids a file names itself, in `agents.entries` or the legacy `agents.list`. */
function explicitAgentIds(config: unknown): Set<string> {
  const ids = new Set<string>();
  const agents = isPlainObject(config) ? config.agents : undefined;
  if (!isPlainObject(agents)) return ids;
  if (isPlainObject(agents.entries)) for (const id of Object.keys(agents.entries)) ids.add(id.toLowerCase());
  if (Array.isArray(agents.list)) {
    for (const item of agents.list) if (isPlainObject(item) && typeof item.id === 'string') ids.add(item.id.toLowerCase());
  }
  return ids;
}

/** config.set replaces the whole file; it must not silently drop agents (and their sessions' owner). */
export function guardAgentsKept(current: unknown, next: unknown): void {
  const before = explicitAgentIds(current);
  const after = explicitAgentIds(next);
  // A file naming no agents still runs the implicit "main" agent.
  if (after.size === 0) after.add('main');
  const dropped = [...before].filter((id) => !after.has(id));
  if (dropped.length > 0) {
    throw new ConfigWriteError(
      'INVALID_REQUEST',
      `config.set would remove existing agents (${dropped.join(', ')}); keep them in raw, or remove one deliberately with config.patch {agents: {entries: {<id>: null}}}`,
      { droppedAgents: dropped },
    );
  }
}

export function guardAgainstClobber(current: unknown, next: unknown, method: string): void {
  const hadMode = isPlainObject(current) && isPlainObject(current.gateway) && current.gateway.mode !== undefined;
  const hasMode = isPlainObject(next) && isPlainObject(next.gateway) && next.gateway.mode !== undefined;
  if (hadMode && !hasMode) {
    throw new ConfigWriteError(
      'INVALID_REQUEST',
      `${method} refused: the new config drops gateway.mode, which usually means the file is being overwritten by mistake; keep gateway.mode in the submission`,
    );
  }
  // Compared as compact JSON so comments and formatting in the current file do not count.
  const before = Buffer.byteLength(JSON.stringify(current ?? {}));
  const after = Buffer.byteLength(JSON.stringify(next ?? {}));
  if (before >= CLOBBER_GUARD_MIN_BYTES && after * 2 < before) {
    throw new ConfigWriteError(
      'INVALID_REQUEST',
      `${method} refused: the new config is less than half the size of the current one (${after} vs ${before} bytes), which looks like an accidental overwrite; remove sections in smaller steps with config.patch`,
    );
  }
}
