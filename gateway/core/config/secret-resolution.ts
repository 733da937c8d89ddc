import { readFile, stat } from 'node:fs/promises';
import { cloneJson, dotPath, getAt, isPlainObject, type PathSegment } from './object-paths.js';
import { findSecretValues } from './schema-annotations.js';
import type { GatehouseConfig } from './schema/root.js';
import { isSecretRef, providerAliasOf, type SecretRef } from './secret-refs.js';
import { expandHome } from './state-paths.js';

// config.md §1.4: turn every secret input into its plaintext, or — fail closed — into a
// SecretRef that records where the value should have come from.

/** Provider env names OpenClaw reads from a bare `apiKey` value. */
const BARE_PROVIDER_ENV_NAMES = new Set(['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'OLLAMA_API_KEY']);
const ENV_SHORTHAND = /^\$([A-Z_][A-Z0-9_]*)$/;
const ALL_CAPS_NAME = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;
const DEFAULT_FILE_MAX_BYTES = 1024 * 1024;

export interface SecretResolutionContext {
  env: Readonly<Record<string, string>>;
  /** Dot paths left holding an unresolved `${NAME}` by substitution, with that name. */
  unavailable: ReadonlyMap<string, string>;
}

type Resolution = { value: string } | { unavailable: SecretRef; reason?: string };

export async function resolveSecretInputs(
  config: GatehouseConfig,
  context: SecretResolutionContext,
): Promise<{ config: GatehouseConfig; warnings: string[] }> {
  const resolved = cloneJson(config);
  const warnings: string[] = [];
  const fileCache = new Map<string, Promise<string>>();
  for (const { path, value } of findSecretValues(config)) {
    const where = dotPath(path);
    const outcome = isSecretRef(value)
      ? await resolveRef(value, config, context, fileCache)
      : resolveString(value, path, context, warnings);
    if ('value' in outcome) setAt(resolved, path, outcome.value);
    else {
      setAt(resolved, path, outcome.unavailable);
      if (outcome.reason) warnings.push(`${where}: ${outcome.reason}; the secret is unavailable`);
    }
  }
  return { config: resolved, warnings };
}

function envResolution(name: string, env: SecretResolutionContext['env']): Resolution {
  const value = env[name];
  if (value !== undefined && value !== '') return { value };
  return { unavailable: { source: 'env', provider: 'default', id: name }, reason: `environment variable ${name} is not set` };
}

function resolveString(value: unknown, path: PathSegment[], context: SecretResolutionContext, warnings: string[]): Resolution {
  const text = typeof value === 'string' ? value : String(value);
  const missing = context.unavailable.get(dotPath(path));
  // Substitution already warned about the missing variable.
  if (missing !== undefined) return { unavailable: { source: 'env', provider: 'default', id: missing } };
  const shorthand = ENV_SHORTHAND.exec(text);
  if (shorthand?.[1]) return envResolution(shorthand[1], context.env);
  const isApiKey = path[path.length - 1] === 'apiKey';
  if (isApiKey && BARE_PROVIDER_ENV_NAMES.has(text)) return envResolution(text, context.env);
  if (ALL_CAPS_NAME.test(text)) {
    // The value itself is not echoed: it may really be the secret.
    warnings.push(`${dotPath(path)}: the value looks like an environment variable name but is used as the literal secret; write it as "\${NAME}" to read that variable`);
  }
  return { value: text };
}

async function resolveRef(
  ref: SecretRef,
  config: GatehouseConfig,
  context: SecretResolutionContext,
  fileCache: Map<string, Promise<string>>,
): Promise<Resolution> {
  const alias = providerAliasOf(ref, config);
  const provider = config.secrets?.providers?.[alias];
  if (ref.source === 'env') {
    if (provider?.source === 'env' && provider.allowlist && !provider.allowlist.includes(ref.id)) {
      return { unavailable: ref, reason: `${ref.id} is not in secrets.providers.${alias}.allowlist` };
    }
    const outcome = envResolution(ref.id, context.env);
    return 'value' in outcome ? outcome : { unavailable: ref, reason: outcome.reason };
  }
  if (ref.source === 'file' && provider?.source === 'file') {
    try {
      const file = expandHome(provider.path, context.env);
      const maxBytes = provider.maxBytes ?? DEFAULT_FILE_MAX_BYTES;
      let text = fileCache.get(file);
      if (!text) {
        text = readBoundedFile(file, maxBytes);
        fileCache.set(file, text);
      }
      return { value: pickFromSecretFile(await text, ref.id, provider.mode ?? 'json') };
    } catch (error) {
      return { unavailable: ref, reason: `file secret provider "${alias}": ${(error as Error).message}` };
    }
  }
  if (ref.source === 'exec' || ref.source === 'store') {
    return { unavailable: ref, reason: `"${ref.source}" secret providers are not supported by Gatehouse` };
  }
  return { unavailable: ref, reason: `secret provider "${alias}" is not configured` };
}

async function readBoundedFile(file: string, maxBytes: number): Promise<string> {
  const info = await stat(file);
  if (!info.isFile()) throw new Error(`${file} is not a regular file`);
  if (info.size > maxBytes) throw new Error(`${file} is larger than maxBytes (${maxBytes})`);
  return readFile(file, 'utf8');
}

function pickFromSecretFile(text: string, id: string, mode: 'json' | 'singleValue'): string {
  if (mode === 'singleValue') {
    const value = text.replace(/\r?\n$/, '');
    if (value === '') throw new Error('the file is empty');
    return value;
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new Error('the file is not valid JSON');
  }
  const value = id === 'value' ? document : getAt(document, parseJsonPointer(id, document));
  if (typeof value !== 'string' || value === '') throw new Error(`no string value at ${id}`);
  return value;
}

/** RFC 6901: `/a/b~1c/0` → ['a', 'b/c', 0] (a token is an index where the document has an array). */
function parseJsonPointer(pointer: string, document: unknown): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    segments.push(Array.isArray(getAt(document, segments)) && /^\d+$/.test(key) ? Number(key) : key);
  }
  return segments;
}

function setAt(root: unknown, path: PathSegment[], value: unknown): void {
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent[last] = value;
  else if (isPlainObject(parent) && typeof last === 'string') parent[last] = value;
}
