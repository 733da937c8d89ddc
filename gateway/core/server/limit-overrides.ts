/**
 * A limit read from the environment when set there as a positive whole number, else `fallback`.
 * Tests shrink the inbound budget, its read deadline, the keepalive interval and the send buffer this way, so that
 * what takes minutes at the real values takes seconds against a real gateway process.
 */
export function limitFromEnv(
  name: 'GATEHOUSE_INBOUND_BUDGET_BYTES' | 'GATEHOUSE_LARGE_MESSAGE_DEADLINE_MS' | 'GATEHOUSE_PING_INTERVAL_MS' | 'GATEHOUSE_MAX_BUFFERED_BYTES',
  fallback: number,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  return Number.isSafeInteger(number) && number > 0 ? number : fallback;
}
