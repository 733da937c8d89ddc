/**
 * Structured log lines from the main process (one JSON object per line on stdout/stderr).
 * Fields are metadata only: never tokens, keys or message bodies.
 */
type Fields = Readonly<Record<string, string | number | boolean | null | undefined>>;

function write(level: 'info' | 'warn' | 'error', scope: string, msg: string, fields?: Fields): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, scope, msg, ...fields });
  if (level === 'info') console.log(line);
  else console.error(line);
}

export function appLog(scope: string) {
  return {
    info: (msg: string, fields?: Fields) => write('info', scope, msg, fields),
    warn: (msg: string, fields?: Fields) => write('warn', scope, msg, fields),
    error: (msg: string, fields?: Fields) => write('error', scope, msg, fields),
  };
}
