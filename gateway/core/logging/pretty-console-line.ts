/**
 * Turns one JSON log line into the short line people read in a terminal:
 *
 *   12:01:02 info  gateway listening on ws://127.0.0.1:18789 port=18789
 *
 * pino-pretty is not a dependency; the gateway's records are flat and few, so a dozen lines of
 * formatting do the job. Fields are printed after the message as key=value.
 */

/** Fields already shown in the line's head, or too noisy for a terminal. */
const FIELDS_IN_HEAD = new Set(['time', 'level', 'msg', 'pid', 'hostname']);
const MAX_FIELD_CHARS = 160;
const LEVEL_COLUMN_WIDTH = 5;

export function formatPrettyLine(jsonLine: string): string {
  let record: unknown;
  try {
    record = JSON.parse(jsonLine);
  } catch {
    return jsonLine.endsWith('\n') ? jsonLine : `${jsonLine}\n`;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return `${jsonLine.trimEnd()}\n`;
  const fields = record as Record<string, unknown>;

  const head = `${clockTime(fields['time'])} ${String(fields['level'] ?? '').padEnd(LEVEL_COLUMN_WIDTH)} ${oneLine(String(fields['msg'] ?? ''))}`;
  const extras = Object.entries(fields)
    .filter(([key, value]) => !FIELDS_IN_HEAD.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${fieldText(key === 'err' ? errorSummary(value) : value)}`);
  return `${[head.trimEnd(), ...extras].join(' ')}\n`;
}

/** HH:MM:SS in local time; the date is in the file log for whoever needs it. */
function clockTime(time: unknown): string {
  const date = typeof time === 'string' || typeof time === 'number' ? new Date(time) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) return '--:--:--';
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

function errorSummary(err: unknown): unknown {
  if (typeof err === 'object' && err !== null && 'message' in err) return (err as { message: unknown }).message;
  return err;
}

/** Bare words stay bare (`port=18789`); anything with spaces or quotes is JSON-quoted. */
function fieldText(value: unknown): string {
  const text =
    typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : (JSON.stringify(value) ?? String(value));
  const flat = oneLine(text);
  return flat.length > MAX_FIELD_CHARS ? `${flat.slice(0, MAX_FIELD_CHARS - 1)}…` : flat;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
