import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the agent's `HEARTBEAT.md` asks for. */
export type HeartbeatFileState = 'missing' | 'empty' | 'has-tasks';

/** Larger files are read up to here: the check only needs to find one real line. */
const MAX_READ_BYTES = 256 * 1024;

/**
 * Research note §2: a file of blank lines, `#` headings and unchecked empty list items
 * (`- [ ]`) asks nothing, so running a model turn for it only burns tokens (#64293).
 */
export function heartbeatFileHasTasks(content: string): boolean {
  return content.split(/\r?\n/).some((raw) => {
    const line = raw.trim();
    if (line === '' || /^#+(\s|$)/.test(line)) return false;
    if (/^[-*+]\s*(\[[ xX]?\])?\s*$/.test(line)) return false;
    if (/^<!--.*-->$/.test(line)) return false;
    return true;
  });
}

export async function readHeartbeatFile(workspace: string): Promise<HeartbeatFileState> {
  let content: string;
  try {
    const buffer = await readFile(join(workspace, 'HEARTBEAT.md'));
    content = buffer.subarray(0, MAX_READ_BYTES).toString('utf8');
  } catch {
    return 'missing';
  }
  return heartbeatFileHasTasks(content) ? 'has-tasks' : 'empty';
}
