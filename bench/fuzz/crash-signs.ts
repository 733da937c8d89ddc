/**
 * Lines of gateway output (console or log file) that mean hostile input reached code that did not
 * expect it: an uncaught exception or rejection, a blown stack, a handler that threw something
 * other than a protocol error, or anything logged at error level.
 */
const CRASH_SIGNS = [
  /uncaught/i,
  /unhandled ?rejection/i,
  /Maximum call stack/i,
  /FATAL ERROR/,
  /JavaScript heap out of memory/i,
  /handler threw/,
  /"level":"(error|fatal)"/,
  /^\S+ (error|fatal)\s/,
];

export function crashSigns(output: string, limit = 10): string[] {
  const found: string[] = [];
  for (const line of output.split('\n')) {
    if (CRASH_SIGNS.some((sign) => sign.test(line))) found.push(line.length > 300 ? `${line.slice(0, 300)}…` : line);
    if (found.length >= limit) break;
  }
  return found;
}
