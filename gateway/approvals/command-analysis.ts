import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join, resolve as resolvePath } from 'node:path';
import type { AllowlistEntry } from './approvals-document.js';

export interface CommandSegment {
  /** argv[0] as written */
  binary: string;
  /** absolute path when found on PATH (or given), else undefined */
  resolvedPath?: string;
  args: string[];
  text: string;
}

/** Splits shell words, honouring single/double quotes and backslashes (enough to match policy). */
function words(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (char === '\\' && i + 1 < text.length) {
      current += text[++i];
      started = true;
    } else if (/\s/.test(char)) {
      if (started) out.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) out.push(current);
  return out;
}

/** The segments of a shell chain (`a && b | c; d`): every one must be allowed on its own. */
export function commandSegments(command: string, pathEnv: string | undefined, cwd: string): CommandSegment[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const char = command[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
      current += char;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      current += char;
      continue;
    }
    const two = command.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      parts.push(current);
      current = '';
      i++;
    } else if (char === ';' || char === '|' || char === '&' || char === '\n') {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((text) => {
      const argv = words(text).filter((word, index, all) => !(index < all.length - 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word) && index === 0));
      const binary = argv[0] ?? '';
      const resolvedPath = resolveBinary(binary, pathEnv, cwd);
      return { binary, args: argv.slice(1), text, ...(resolvedPath ? { resolvedPath } : {}) };
    });
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function resolveBinary(binary: string, pathEnv: string | undefined, cwd: string): string | undefined {
  if (binary === '') return undefined;
  if (binary.includes('/')) {
    const full = isAbsolute(binary) ? binary : resolvePath(cwd, binary);
    return executable(full) ? full : undefined;
  }
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, binary);
    if (executable(candidate)) return candidate;
  }
  return undefined;
}

function globToRegExp(glob: string): RegExp {
  // `**` crosses directories, `*` and `?` stay within one path segment.
  const escaped = glob
    .split('**')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'))
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

/** config.md §5.2: glob on the resolved path (or a bare-name glob for PATH lookups), plus argPattern. */
export function entryMatches(entry: AllowlistEntry, segment: CommandSegment, home: string | undefined): boolean {
  const pattern = entry.pattern.startsWith('~/') && home ? join(home, entry.pattern.slice(2)) : entry.pattern;
  const matcher = globToRegExp(pattern);
  const byPath = pattern.includes('/') ? segment.resolvedPath !== undefined && matcher.test(segment.resolvedPath) : matcher.test(segment.binary);
  if (!byPath) return false;
  if (entry.argPattern === undefined) return true;
  try {
    return new RegExp(entry.argPattern).test(segment.args.join(' '));
  } catch {
    return false;
  }
}

/** The entry that allows a segment, if any. */
export function matchingEntry(entries: readonly AllowlistEntry[], segment: CommandSegment, home: string | undefined): AllowlistEntry | undefined {
  return entries.find((entry) => entryMatches(entry, segment, home));
}

/** An allow-always entry for exactly this segment: its binary and exactly these arguments. */
export function exactEntryFor(segment: CommandSegment): Pick<AllowlistEntry, 'pattern' | 'argPattern' | 'lastResolvedPath'> {
  const escaped = segment.args.join(' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    pattern: segment.resolvedPath ?? segment.binary,
    argPattern: `^${escaped}$`,
    ...(segment.resolvedPath ? { lastResolvedPath: segment.resolvedPath } : {}),
  };
}
