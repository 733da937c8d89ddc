/**
 * A message a person can read from a failed `invoke`. Electron wraps errors thrown in main as
 * "Error invoking remote method 'chat:send': Error: <message>"; only <message> is for people.
 */
const electronPrefix = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/;

export function errorMessage(error: unknown, fallback: string): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const message = raw.replace(electronPrefix, '').trim();
  return message === '' ? fallback : message;
}
