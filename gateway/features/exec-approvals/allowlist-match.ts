import { join } from 'node:path';
import type { AllowlistEntry } from './approvals-document.js';
import type { CommandSegment } from './command-analysis.js';

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
