/**
 * One line on why a gateway process ended, for the status detail: how it exited, plus what it
 * said last on stderr — Gatehouse's own `gatehouse: …` message (which may span a few lines)
 * when there is one. Our gateway writes its JSON log records to stderr too; routine ones and
 * Node's warnings are skipped, error-level ones contribute their `msg`.
 */
import type { GatewayOutputLog } from './gateway-output-log.js';
import { describeExit, type OwnedGatewayProcess } from './owned-gateway-process.js';

export function exitMessage(child: Pick<OwnedGatewayProcess, 'exit' | 'pid' | 'adopted'>, log: GatewayOutputLog): string {
  if (child.adopted) return describeExit(child.exit, true);
  // Killed from outside: whatever it logged before says nothing about why.
  if (child.exit?.signal === 'SIGKILL' || child.exit?.signal === 'SIGTERM') return describeExit(child.exit);
  const lines = log
    .lastLines('stderr', 12, child.pid)
    .map(explanationIn)
    .filter((line): line is string => line !== undefined)
    .slice(-6);
  const own = lines.findLastIndex((line) => line.startsWith('gatehouse:'));
  const said = (own === -1 ? lines.slice(-1) : lines.slice(own)).join(' ').replace(/^gatehouse:\s*/, '').replace(/\s+/g, ' ');
  return said ? `${describeExit(child.exit)}: ${said}` : describeExit(child.exit);
}

function explanationIn(line: string): string | undefined {
  if (/^\(node:\d+\) \w*Warning:|^\(Use `node --trace-/.test(line)) return undefined;
  if (!line.startsWith('{')) return line;
  try {
    const record = JSON.parse(line) as { level?: unknown; msg?: unknown };
    const level = record.level;
    const severe = (typeof level === 'number' && level >= 50) || level === 'error' || level === 'fatal';
    return severe && typeof record.msg === 'string' ? record.msg : undefined;
  } catch {
    return line;
  }
}
