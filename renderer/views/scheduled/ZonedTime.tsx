import { formatInZone } from '../../format/zoned-time';

export interface ZonedTimeProps {
  ms: number;
  zone: string;
  /** Said after the zone to screen readers and in the tooltip: whose zone it is. */
  zoneTitle?: string;
}

/** A time in a named zone: `Mon 2 Mar, 08:00 Europe/Berlin`, never a bare clock time. */
export function ZonedTime({ ms, zone, zoneTitle }: ZonedTimeProps) {
  return (
    <span className="zoned-time">
      <time dateTime={new Date(ms).toISOString()}>{formatInZone(ms, zone)}</time>{' '}
      <span className="zoned-time__zone" title={zoneTitle} data-testid="time-zone">
        {zone}
      </span>
    </span>
  );
}
