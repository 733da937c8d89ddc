import { isRecord, type SoakClient } from './soak-client.js';

export interface LogReview {
  lines: number;
  warnings: number;
  errors: number;
  /** The first few error/fatal lines: time, message and error text (never the whole line). */
  examples: string[];
  /** The first few warn lines, the same way. */
  warningExamples: string[];
  /** The file rotated during the run, so the earliest lines were not read. */
  rotated: boolean;
}

const PAGE_LINES = 5_000;
const PAGE_BYTES = 1_000_000;
const KEPT_EXAMPLES = 5;
const KEPT_WARNINGS = 3;

/**
 * Reads the gateway's whole log file through `logs.tail` (from cursor 0, page by page) and counts
 * warn and error/fatal lines: an operation can succeed while the gateway logs that something
 * went wrong underneath it.
 */
export async function reviewGatewayLog(admin: SoakClient, timeoutMs: number): Promise<LogReview> {
  const review: LogReview = { lines: 0, warnings: 0, errors: 0, examples: [], warningExamples: [], rotated: false };
  let cursor = 0;
  for (;;) {
    const page = await admin.call('logs.tail', { cursor, limit: PAGE_LINES, maxBytes: PAGE_BYTES }, timeoutMs);
    if (!isRecord(page) || !Array.isArray(page.lines) || typeof page.cursor !== 'number') throw new Error(`logs.tail answered ${JSON.stringify(page).slice(0, 200)}`);
    if (page.reset === true) review.rotated = true;
    for (const line of page.lines) count(review, String(line));
    // An over-long line comes back as no lines with `truncated` and the cursor past it.
    if (page.cursor === cursor || (page.lines.length === 0 && page.truncated !== true)) return review;
    cursor = page.cursor;
  }
}

function count(review: LogReview, line: string): void {
  review.lines += 1;
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return;
  }
  if (!isRecord(entry)) return;
  const detail = typeof entry.error === 'string' ? ` (${entry.error.slice(0, 200)})` : '';
  const summary = `${String(entry.time ?? '')} ${String(entry.level)}: ${String(entry.msg ?? '')}${detail}`;
  if (entry.level === 'warn') {
    review.warnings += 1;
    if (review.warningExamples.length < KEPT_WARNINGS) review.warningExamples.push(summary);
  } else if (entry.level === 'error' || entry.level === 'fatal') {
    review.errors += 1;
    if (review.examples.length < KEPT_EXAMPLES) review.examples.push(summary);
  }
}
