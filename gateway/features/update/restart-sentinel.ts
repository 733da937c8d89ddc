import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RestartSentinelSchema, type RestartSentinel } from '../../../shared/protocol/update/results.js';
import { compileSchema } from '../../../shared/protocol/validate.js';

// The restart record (OpenClaw's `restart-sentinel.json`, openclaw-families.md §8): the process
// that installed an update writes what it did, the process that starts next reads it once and
// removes it — so a later, ordinary restart does not report the same update again. The reader
// keeps it for update.status for as long as it runs, and says which version actually came up.

const SENTINEL_FILE = 'restart-sentinel.json';
const sentinelSchema = compileSchema(RestartSentinelSchema);

export function sentinelPath(stateDir: string): string {
  return join(stateDir, SENTINEL_FILE);
}

/** Written whole or not at all (a crash mid-write leaves the previous file or none). */
export function writeRestartSentinel(stateDir: string, payload: RestartSentinel): string {
  const path = sentinelPath(stateDir);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(payload, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
  return path;
}

export type ConsumedSentinel = { kind: 'none' } | { kind: 'invalid'; reason: string } | { kind: 'read'; sentinel: RestartSentinel };

/**
 * Reads and removes the record. An update that promised version X but came up as Y is reported
 * as an error, with both versions.
 */
export function consumeRestartSentinel(stateDir: string, runningVersion: string): ConsumedSentinel {
  const path = sentinelPath(stateDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'invalid', reason: `cannot read ${path}: ${(error as Error).message}` };
  }
  rmSync(path, { force: true });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', reason: `${path} is not JSON: ${(error as Error).message}` };
  }
  if (!sentinelSchema.check(parsed)) return { kind: 'invalid', reason: `${path} is not a restart record: ${sentinelSchema.firstError(parsed) ?? 'unknown shape'}` };
  const expected = parsed.stats.after?.version;
  const sentinel: RestartSentinel = { ...parsed, stats: { ...parsed.stats, runningVersion } };
  if (parsed.status === 'ok' && typeof expected === 'string' && expected !== runningVersion) {
    return {
      kind: 'read',
      sentinel: { ...sentinel, status: 'error', stats: { ...sentinel.stats, reason: `the update installed ${expected}, but the gateway came back up running ${runningVersion}` } },
    };
  }
  return { kind: 'read', sentinel };
}
