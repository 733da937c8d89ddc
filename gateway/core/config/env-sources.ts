import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isPlainObject } from './object-paths.js';

// config.md §1.3: env sources, none overriding an already-set var:
// process env → <stateDir>/.env → config env.vars.

export const DOTENV_FILE_NAME = '.env';

/** Parses `KEY=value` lines: `#` comments, optional `export `, single/double quotes. */
export function parseDotEnv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, name, rest] = match;
    if (name === undefined || rest === undefined) continue;
    vars[name] = unquote(rest);
  }
  return vars;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2) {
    const end = value.indexOf(quote, 1);
    if (end > 0) {
      const inner = value.slice(1, end);
      return quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\"/g, '"') : inner;
    }
  }
  // Unquoted: an inline comment starts at " #".
  const comment = value.indexOf(' #');
  return (comment >= 0 ? value.slice(0, comment) : value).trim();
}

export interface DotEnvResult {
  vars: Record<string, string>;
  warning?: string;
}

export async function readStateDotEnv(stateDir: string): Promise<DotEnvResult> {
  const file = path.join(stateDir, DOTENV_FILE_NAME);
  try {
    return { vars: parseDotEnv(await readFile(file, 'utf8')) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { vars: {} };
    return { vars: {}, warning: `could not read ${file}: ${(error as Error).message}` };
  }
}

/**
 * `env.vars` plus inline string vars under `env` (OpenClaw accepts both; same meaning).
 * Values are literal — never substituted.
 */
export function configEnvVars(authored: unknown): Record<string, string> {
  if (!isPlainObject(authored) || !isPlainObject(authored.env)) return {};
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(authored.env)) {
    if (name !== 'vars' && name !== 'shellEnv' && typeof value === 'string') vars[name] = value;
  }
  if (isPlainObject(authored.env.vars)) {
    for (const [name, value] of Object.entries(authored.env.vars)) {
      if (typeof value === 'string') vars[name] = value;
    }
  }
  return vars;
}

/** Layers the sources; an empty value counts as unset, so a later source may fill it. */
export function mergeEnvSources(...sources: ReadonlyArray<Readonly<Record<string, string | undefined>>>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const source of sources) {
    for (const [name, value] of Object.entries(source)) {
      if (value === undefined || value === '') continue;
      if (merged[name] === undefined) merged[name] = value;
    }
  }
  return merged;
}
