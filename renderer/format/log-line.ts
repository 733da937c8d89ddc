/**
 * One line of the logs view. Gateway and app logs are pino JSON lines; those are shown as
 * `time level message key=value…`, anything else as it came.
 */

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface FormattedLogLine {
  time?: string;
  level?: LogLevel;
  message: string;
}

const pinoLevels: ReadonlyMap<number, LogLevel> = new Map([
  [10, 'trace'],
  [20, 'debug'],
  [30, 'info'],
  [40, 'warn'],
  [50, 'error'],
  [60, 'fatal'],
]);

const levelNames: ReadonlySet<string> = new Set(pinoLevels.values());

/** Fields every pino line has, or that only repeat what the columns already say. */
const omittedFields: ReadonlySet<string> = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'v']);

function levelOf(value: unknown): LogLevel | undefined {
  if (typeof value === 'number') return pinoLevels.get(value);
  if (typeof value === 'string' && levelNames.has(value.toLowerCase())) return value.toLowerCase() as LogLevel;
  return undefined;
}

function clockTime(value: unknown): string | undefined {
  const date = typeof value === 'number' || typeof value === 'string' ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) return undefined;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

function fieldText(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) || value === '' ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

export function formatLogLine(line: string): FormattedLogLine {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return { message: line };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { message: line };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { message: line };
  const record = parsed as Record<string, unknown>;
  const extras = Object.entries(record)
    .filter(([key]) => !omittedFields.has(key))
    .map(([key, value]) => `${key}=${fieldText(value)}`);
  const msg = typeof record['msg'] === 'string' ? record['msg'] : '';
  const result: FormattedLogLine = { message: [msg, ...extras].filter((part) => part !== '').join(' ') };
  const time = clockTime(record['time']);
  const level = levelOf(record['level']);
  if (time !== undefined) result.time = time;
  if (level !== undefined) result.level = level;
  return result;
}
