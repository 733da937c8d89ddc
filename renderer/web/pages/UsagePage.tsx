import { useCallback, useState } from 'react';
import { formatCost, formatTokens, readUsage, USAGE_RANGES, type UsageBar, type UsageRange } from '../../../client/usage/usage-service';
import { Notice } from '../../components/Notice';
import type { GatewaySession } from '../gateway-session';
import { BarChart, type Metric } from './BarChart';
import { Loading, PageFrame } from './PageFrame';
import { useGatewayRead } from '../../hooks/useGatewayRead';

export function UsagePage({ session }: { session: GatewaySession }) {
  const [range, setRange] = useState<UsageRange>(30);
  const [metric, setMetric] = useState<Metric>('tokens');
  const read = useCallback(() => readUsage(session.request, session.methods, range), [session, range]);
  const view = useGatewayRead(read);
  const format = (bar: UsageBar) => (metric === 'tokens' ? `${formatTokens(bar.tokens)} tokens` : formatCost(bar.costUsd));

  return (
    <PageFrame name="usage" title="Usage" onRefresh={() => void view.reload()} refreshing={view.loading}>
      <div className="page-toolbar">
        <fieldset className="page-segments">
          <legend className="sr-only">Range</legend>
          {USAGE_RANGES.map((days) => (
            <label key={days} className="page-segment">
              <input type="radio" name="usage-range" checked={range === days} onChange={() => setRange(days)} />
              {days} days
            </label>
          ))}
        </fieldset>
        <fieldset className="page-segments">
          <legend className="sr-only">Show</legend>
          {(['tokens', 'cost'] as const).map((choice) => (
            <label key={choice} className="page-segment">
              <input type="radio" name="usage-metric" checked={metric === choice} onChange={() => setMetric(choice)} />
              {choice === 'tokens' ? 'Tokens' : 'Cost'}
            </label>
          ))}
        </fieldset>
      </div>
      {view.problem !== undefined && <Notice tone="error">Could not read usage: {view.problem}</Notice>}
      {view.value === undefined ? (
        view.problem === undefined && <Loading />
      ) : (
        <div data-testid="usage">
          <dl className="page-facts page-facts--totals">
            <div>
              <dt>
                {view.value.range.startDate} – {view.value.range.endDate} (UTC)
              </dt>
              <dd data-testid="usage-total">
                {formatTokens(view.value.totals.tokens)} tokens · {formatCost(view.value.totals.costUsd)}
              </dd>
            </div>
            {view.value.status !== undefined && (
              <>
                <div>
                  <dt>Today</dt>
                  <dd>{formatTokens(view.value.status.today.totalTokens)} tokens</dd>
                </div>
                <div>
                  <dt>All time</dt>
                  <dd>{formatTokens(view.value.status.totals.totalTokens)} tokens</dd>
                </div>
              </>
            )}
          </dl>
          {metric === 'cost' && view.value.unpricedModels.length > 0 && (
            <Notice tone="info" live={false}>
              No price is configured for {view.value.unpricedModels.join(', ')}: their cost is not counted. Set models.providers.&lt;id&gt;.models[].cost in the config.
            </Notice>
          )}
          <div className="usage-charts">
            <BarChart title="Per day" bars={view.value.days} metric={metric} orientation="columns" format={format} />
            <BarChart title="Per model" bars={view.value.byModel} metric={metric} orientation="rows" format={format} />
            <BarChart title="Per session" bars={view.value.bySession} metric={metric} orientation="rows" format={format} />
          </div>
        </div>
      )}
    </PageFrame>
  );
}
