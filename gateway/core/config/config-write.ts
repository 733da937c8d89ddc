import JSON5 from 'json5';
import { writeFileAtomic } from './atomic-write.js';
import { changedConfigPaths } from './changed-paths.js';
import { ConfigWriteError } from './errors.js';
import { evaluateConfig } from './evaluate-config.js';
import { findIncludeDirectives } from './forbidden-keys.js';
import { loadConfig } from './load-config.js';
import { applyMergePatch } from './merge-patch.js';
import { deepEqual, isPlainObject } from './object-paths.js';
import { restoreRedactedText, restoreRedactedValues } from './redacted-restore.js';
import type { LoadedConfig } from './types.js';
import { guardAgainstClobber, guardAgentsKept, isConfigReadOnly } from './write-guards.js';

// config.md §1.7 writes: validate, guard, then replace the file atomically. Nothing is
// written unless every check passes.

const MAX_REPLACE_PATHS = 256;

interface WriteOptions {
  /** The config the runtime is running; changedPaths are relative to it. */
  loaded: LoadedConfig;
  raw: string;
  /** The `hash` of the caller's config.get; null is what config.get reports when there is no file. */
  baseHash?: string | null;
  stateDir: string;
  env: NodeJS.ProcessEnv;
}

type WriteMethod = 'config.set' | 'config.patch';

const invalid = (message: string, details?: unknown) => new ConfigWriteError('INVALID_REQUEST', message, details);

/** Reads the file as it is now and checks the preconditions every write shares. */
async function currentFileFor(opts: WriteOptions, method: WriteMethod): Promise<LoadedConfig> {
  if (typeof opts.raw !== 'string' || opts.raw.trim() === '') {
    throw invalid(`${method} raw must be a non-empty JSON5 string`);
  }
  const current = await loadConfig({ path: opts.loaded.path, stateDir: opts.stateDir, env: opts.env });
  if (isConfigReadOnly(current.env)) {
    throw new ConfigWriteError(
      'UNAVAILABLE',
      `config writes are disabled (GATEHOUSE_CONFIG_READONLY=1); edit ${current.path} by hand or restart the gateway without that variable`,
    );
  }
  // §1.5: a file built from includes cannot be rewritten as one file without losing its structure.
  if (findIncludeDirectives(current.authored).length > 0) {
    throw invalid(`${method} refused: ${current.path} uses $include, which Gatehouse does not support; edit the file by hand`);
  }
  // The hash is checked against the file on disk, so an edit made by hand or by another
  // client since the caller's config.get is never overwritten.
  if (opts.baseHash === null) {
    // Echoing config.get's `hash: null` means "I saw no file": stale once a file exists.
    if (current.exists) {
      throw invalid(
        `config changed since last load: ${current.path} exists now, but baseHash null expects no file; re-run config.get and retry`,
        { reason: 'file-exists', path: current.path },
      );
    }
    return current;
  }
  if (current.exists && (opts.baseHash === undefined || opts.baseHash === '')) {
    throw invalid('config base hash required; re-run config.get and retry');
  }
  if (opts.baseHash !== undefined && opts.baseHash !== '' && opts.baseHash !== current.hash) {
    throw invalid('config changed since last load; re-run config.get and retry');
  }
  return current;
}

function parseSubmission(raw: string, method: WriteMethod): unknown {
  try {
    return JSON5.parse(raw);
  } catch (error) {
    throw invalid(`${method} raw is not valid JSON5: ${(error as Error).message}`);
  }
}

async function commit(opts: WriteOptions, current: LoadedConfig, next: unknown, text: string, method: WriteMethod): Promise<{ loaded: LoadedConfig; changedPaths: string[] }> {
  const candidate = await evaluateConfig({ path: current.path, bytes: Buffer.from(text, 'utf8'), stateDir: opts.stateDir, env: opts.env });
  if (!candidate.valid) {
    const first = candidate.issues[0];
    const summary = first ? `${first.path || '(file)'}: ${first.message}` : 'invalid config';
    throw invalid(`${method} rejected: the new config is invalid (${candidate.issues.length} issue(s); first: ${summary})`, { issues: candidate.issues });
  }
  guardAgainstClobber(current.authored, next, method);
  try {
    await writeFileAtomic(current.path, text);
  } catch (error) {
    throw new ConfigWriteError('UNAVAILABLE', `could not write ${current.path}: ${(error as Error).message}`);
  }
  return { loaded: candidate, changedPaths: changedConfigPaths(opts.loaded.resolved ?? undefined, candidate.resolved ?? undefined) };
}

/** config.set: replace the whole file with `raw` (its comments and layout are kept). */
export async function setConfig(opts: WriteOptions): Promise<{ loaded: LoadedConfig; changedPaths: string[] }> {
  const current = await currentFileFor(opts, 'config.set');
  const submitted = parseSubmission(opts.raw, 'config.set');
  if (!isPlainObject(submitted)) throw invalid('config.set raw must be a JSON5 object, e.g. { gateway: { mode: "local" } }');
  const restoration = restoreRedactedValues(submitted, current.authored, 'config.set');
  const text = restoreRedactedText(opts.raw, restoration, restoration.value) ?? `${JSON.stringify(restoration.value, null, 2)}\n`;
  guardAgentsKept(current.authored, restoration.value);
  return commit(opts, current, restoration.value, text, 'config.set');
}

/** config.patch: merge-patch `raw` into the current file (written back as formatted JSON). */
export async function patchConfig(
  opts: WriteOptions & { replacePaths?: string[] },
): Promise<{ loaded: LoadedConfig; changedPaths: string[]; noop: boolean }> {
  const current = await currentFileFor(opts, 'config.patch');
  const patch = parseSubmission(opts.raw, 'config.patch');
  if (!isPlainObject(patch)) throw invalid('config.patch raw must be an object');
  const replacePaths = opts.replacePaths ?? [];
  if (replacePaths.length > MAX_REPLACE_PATHS) throw invalid(`config.patch replacePaths may list at most ${MAX_REPLACE_PATHS} paths`);

  if (current.exists && current.authored === null) {
    throw invalid(`config.patch cannot merge into ${current.path}: the file does not parse (${current.issues[0]?.message ?? 'unreadable'}); fix it by hand or replace it with config.set`);
  }
  const base = current.authored ?? {};
  const merged = applyMergePatch(base, patch, new Set(replacePaths));
  const restoration = restoreRedactedValues(merged, current.authored, 'config.patch');
  if (deepEqual(restoration.value, base)) return { loaded: current, changedPaths: [], noop: true };
  const text = `${JSON.stringify(restoration.value, null, 2)}\n`;
  return { ...(await commit(opts, current, restoration.value, text, 'config.patch')), noop: false };
}
