/** "5 minutes ago" as a value and unit for Intl.RelativeTimeFormat. */

export interface RelativeTime {
  value: number;
  unit: 'second' | 'minute' | 'hour' | 'day';
}

export function relativeTime(thenMs: number, nowMs: number): RelativeTime {
  const seconds = Math.round((thenMs - nowMs) / 1000);
  const size = Math.abs(seconds);
  if (size < 45) return { value: 0, unit: 'second' };
  if (size < 45 * 60) return { value: Math.round(seconds / 60), unit: 'minute' };
  if (size < 22 * 3600) return { value: Math.round(seconds / 3600), unit: 'hour' };
  return { value: Math.round(seconds / 86_400), unit: 'day' };
}
