/**
 * A limit read from the environment when set there as a positive whole number, else `fallback`.
 * Tests shrink the inbound budget, its read deadline and the keepalive interval this way, so that
 * what takes minutes at the real values takes seconds against a real gateway process.
 */
export function limitFromEnv(name: 'GATEHOUSE_INBOUND_BUDGET_BYTES' | 'GATEHOUSE_LARGE_MESSAGE_DEADLINE_MS' | 'GATEHOUSE_PING_INTERVAL_MS', fallback: number): number {
  const value = process.env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  return Number.isSafeInteger(number) && number > 0 ? number : fallback;
}
