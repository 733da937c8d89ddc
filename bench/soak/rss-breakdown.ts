import { readFileSync } from 'node:fs';

/** A process's resident memory by what backs it (from /proc/<pid>/smaps), in MiB. */
export interface RssBreakdown {
  /** Pages of mapped files: node's own code and its libraries, and SQLite's -shm file. */
  fileMiB: number;
  /** The main thread's malloc heap (`[heap]`, grown with brk). */
  brkMiB: number;
  /** Anonymous mappings: the V8 heap, malloc's thread arenas and large blocks, thread stacks. */
  anonymousMiB: number;
}

const MAPPING_HEADER = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/;
const RSS_LINE = /^Rss:\s+(\d+) kB$/;

/** Sums smaps text by backing; `[stack]`, `[vdso]` and the like count as anonymous. */
export function rssBreakdownOf(smaps: string): RssBreakdown {
  const kib = { file: 0, brk: 0, anonymous: 0 };
  let backing: keyof typeof kib = 'anonymous';
  for (const line of smaps.split('\n')) {
    const header = MAPPING_HEADER.exec(line);
    if (header) {
      const name = header[1] ?? '';
      backing = name === '[heap]' ? 'brk' : name.startsWith('/') ? 'file' : 'anonymous';
      continue;
    }
    const rss = RSS_LINE.exec(line);
    if (rss) kib[backing] += Number(rss[1]);
  }
  return { fileMiB: kib.file / 1024, brkMiB: kib.brk / 1024, anonymousMiB: kib.anonymous / 1024 };
}

/** Undefined once the process is gone (or off Linux). */
export function readRssBreakdown(pid: number): RssBreakdown | undefined {
  try {
    return rssBreakdownOf(readFileSync(`/proc/${pid}/smaps`, 'utf8'));
  } catch {
    return undefined;
  }
}
