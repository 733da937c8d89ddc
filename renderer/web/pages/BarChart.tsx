import { useId } from 'react';
import type { UsageBar } from '../../../client/usage/usage-service';

export type Metric = 'tokens' | 'cost';

export interface BarChartProps {
  title: string;
  bars: readonly UsageBar[];
  metric: Metric;
  /** Columns (days) or rows (models, sessions). */
  orientation: 'columns' | 'rows';
  format: (bar: UsageBar) => string;
}

function amount(bar: UsageBar, metric: Metric): number {
  return metric === 'tokens' ? bar.tokens : (bar.costUsd ?? 0);
}

/**
 * A bar chart as plain SVG — a few hundred bytes of code where a chart library would add tens of
 * kilobytes — with the same numbers in a table for screen readers and for copying.
 */
export function BarChart({ title, bars, metric, orientation, format }: BarChartProps) {
  const id = useId();
  const max = Math.max(1, ...bars.map((bar) => amount(bar, metric)));
  const rowHeight = 22;
  const width = 600;
  const height = orientation === 'columns' ? 160 : bars.length * rowHeight;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="section-title">
        {title}
      </figcaption>
      {bars.every((bar) => amount(bar, metric) === 0) ? (
        <p className="muted">Nothing recorded in this range.</p>
      ) : (
        <>
          <svg className="chart__svg" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
            {bars.map((bar, index) => {
              const share = amount(bar, metric) / max;
              if (orientation === 'columns') {
                const slot = width / bars.length;
                const barHeight = Math.max(share > 0 ? 1 : 0, share * (height - 4));
                return <rect key={bar.label} className="chart__bar" x={index * slot + slot * 0.1} y={height - barHeight} width={slot * 0.8} height={barHeight} />;
              }
              return <rect key={bar.label} className="chart__bar" x={0} y={index * rowHeight + 3} width={Math.max(share > 0 ? 2 : 0, share * width)} height={rowHeight - 6} />;
            })}
          </svg>
          {orientation === 'rows' ? (
            <ol className="chart__legend">
              {bars.map((bar) => (
                <li key={bar.label}>
                  <span className="mono chart__label">{bar.label}</span> <span className="muted">{format(bar)}</span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="chart__axis muted" aria-hidden="true">
              <span>{bars[0]?.label}</span>
              <span>{bars[bars.length - 1]?.label}</span>
            </p>
          )}
          <details className="chart__table">
            <summary>Table</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">{orientation === 'columns' ? 'Day' : 'Name'}</th>
                  <th scope="col">Tokens</th>
                  <th scope="col">Cost</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((bar) => (
                  <tr key={bar.label}>
                    <th scope="row" className="mono">
                      {bar.label}
                    </th>
                    <td>{bar.tokens}</td>
                    <td>{bar.costUsd === null ? 'no price' : `$${bar.costUsd.toFixed(4)}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
