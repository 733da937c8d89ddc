/**
 * The Control UI's Config page, free of any platform: the config file as `config.get` shows it
 * (secrets redacted), its schema and UI hints from `config.schema`, and writes through
 * `config.set` / `config.apply` (the whole file) and `config.patch` (a merge patch from the
 * form), always with the `baseHash` the page read so a file changed underneath is never
 * overwritten: that refusal becomes a ConfigConflict the page shows with a reload.
 */
import JSON5 from 'json5';
import { ConfigResults, type ConfigGetResult, type ConfigSchemaResult } from '../../shared/protocol/config/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';
import type { GatewayRequest } from '../gateway-request.js';
import { parsed } from '../parse-answer.js';

const getResult = compileSchema(ConfigResults['config.get']);
const schemaResult = compileSchema(ConfigResults['config.schema']);
const setResult = compileSchema(ConfigResults['config.set']);
const applyResult = compileSchema(ConfigResults['config.apply']);
const patchResult = compileSchema(ConfigResults['config.patch']);

/**
 * What config.get puts where a secret was (config.md §1.7). Sent back unchanged, the gateway
 * keeps the stored secret, so redacted text round-trips without the page ever seeing it.
 */
export const REDACTED_SENTINEL = '__OPENCLAW_REDACTED__';

/** The file changed since the page read it (the gateway refused the stale `baseHash`). */
export class ConfigConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigConflict';
  }
}

export async function readConfig(request: GatewayRequest): Promise<ConfigGetResult> {
  return parsed('config.get', getResult, await request('config.get', {}));
}

export async function readConfigSchema(request: GatewayRequest): Promise<ConfigSchemaResult> {
  return parsed('config.schema', schemaResult, await request('config.schema', {}));
}

/** Where the text does not parse as JSON5, with line and column; null when it does. */
export function json5Problem(raw: string): string | null {
  if (raw.trim() === '') return 'The config is empty: write at least {}.';
  try {
    const value: unknown = JSON5.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? null : 'The config must be one object ({ … }).';
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^JSON5: /, '') : String(error);
  }
}

export type WriteMode = 'set' | 'apply';

export interface WriteOutcome {
  hash: string | null;
  changedPaths: string[];
  /** Whether the gateway restarts (or must be restarted) for the change to take effect. */
  restart: 'scheduled' | 'required' | 'none';
}

/** Writes the whole file: `set` only writes, `apply` writes and has the gateway restart if needed. */
export async function writeRawConfig(request: GatewayRequest, raw: string, baseHash: string | null, mode: WriteMode): Promise<WriteOutcome> {
  const method = mode === 'set' ? 'config.set' : 'config.apply';
  const answer = await conflictAware(() => request(method, { raw, baseHash }));
  const result = mode === 'set' ? parsed(method, setResult, answer) : parsed(method, applyResult, answer);
  return { hash: result.hash ?? null, changedPaths: result.changedPaths ?? [], restart: restartOf(result.restart) };
}

/** Writes a merge patch (RFC 7396: null removes a key). */
export async function patchConfig(request: GatewayRequest, patch: Record<string, unknown>, baseHash: string | null): Promise<WriteOutcome> {
  const answer = parsed('config.patch', patchResult, await conflictAware(() => request('config.patch', { raw: JSON.stringify(patch), baseHash })));
  if ('noop' in answer) return { hash: baseHash, changedPaths: [], restart: 'none' };
  return { hash: answer.hash ?? null, changedPaths: answer.changedPaths ?? [], restart: restartOf(answer.restart) };
}

function restartOf(restart: { scheduled?: boolean; required?: boolean } | undefined): WriteOutcome['restart'] {
  if (restart?.scheduled) return 'scheduled';
  return restart?.required ? 'required' : 'none';
}

async function conflictAware(send: () => Promise<unknown>): Promise<unknown> {
  try {
    return await send();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/config changed since last load/.test(message)) {
      throw new ConfigConflict('The config file changed since this page read it (another client or a hand edit). Reload to see the current file, then make your change again.');
    }
    throw error;
  }
}
