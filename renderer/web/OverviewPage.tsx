import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { readOverview, type OverviewView, type Part } from '../../client/overview/overview-reader';
import { systemTimeZone } from '../../client/scheduled/scheduled-service';
import { Notice } from '../components/Notice';
import { formatDuration, formatInZone } from '../format/zoned-time';
import type { GatewaySession } from './gateway-session';
import { webStrings } from './web-strings';

/** How often the page reads the gateway again while it is open. */
export const OVERVIEW_REFRESH_MS = 10_000;

function Card({ title, part, children }: { title: string; part: Part<unknown>; children: ReactNode }) {
  if (part.state === 'absent') return null;
  const id = `overview-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="overview__card" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      {part.state === 'failed' ? <Notice tone="error">{webStrings.overview.failed(part.message)}</Notice> : children}
    </section>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="overview__facts">
      {rows.map(([term, value]) => (
        <div key={term} className="overview__fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function OverviewPage({ session }: { session: GatewaySession }) {
  const s = webStrings.overview;
  const [view, setView] = useState<OverviewView | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const zone = systemTimeZone();

  const load = useCallback(async () => {
    try {
      setView(await readOverview(session.request, session.methods));
      setFailed(undefined);
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    }
  }, [session]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), OVERVIEW_REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <main className="view view--overview" aria-labelledby="overview-title">
      <header className="view__header">
        <div className="view__titles">
          <h1 id="overview-title" className="view__title">
            {s.title}
          </h1>
        </div>
        <div className="view__aside">
          <button type="button" className="button button--small" onClick={() => void load()}>
            {s.refresh}
          </button>
        </div>
      </header>
      {failed !== undefined && <Notice tone="error">{s.failed(failed)}</Notice>}
      {view === undefined ? (
        <p className="muted">Loading…</p>
      ) : (
        <div className="overview" data-testid="overview">
          <Card title={s.gateway} part={view.status}>
            {view.status.state === 'ready' && (
              <Facts
                rows={[
                  [s.version, <span data-testid="overview-version">{view.status.value.version}</span>],
                  ...(view.status.value.uptimeMs === undefined ? [] : [[s.uptime, formatDuration(view.status.value.uptimeMs)] as [string, ReactNode]]),
                  ...(view.status.value.host === undefined ? [] : [[s.host, view.status.value.host] as [string, ReactNode]]),
                  ...(view.status.value.authMode === undefined ? [] : [[s.auth, view.status.value.authMode] as [string, ReactNode]]),
                ]}
              />
            )}
          </Card>
          <Card title={s.health} part={view.health}>
            {view.health.state === 'ready' && (
              <Facts
                rows={[
                  [s.health, `${s.healthOk} (${s.checkedIn(view.health.value.durationMs)})`],
                  [s.agents, String(view.health.value.agents.length)],
                  [s.sessions, String(view.health.value.sessions.count)],
                ]}
              />
            )}
          </Card>
          <Card title={s.clients} part={view.clients}>
            {view.clients.state === 'ready' &&
              (view.clients.value.length === 0 ? (
                <p className="muted">{s.noClients}</p>
              ) : (
                <ul className="overview__list" data-testid="overview-clients">
                  {view.clients.value.map((entry, index) => (
                    <li key={`${entry.instanceId ?? entry.deviceId ?? entry.host ?? ''}-${index}`}>
                      <strong>{entry.host ?? entry.clientId ?? entry.deviceId?.slice(0, 12) ?? '—'}</strong>
                      {[entry.mode, entry.platform, entry.version, entry.ip].filter(Boolean).length > 0 && (
                        <span className="muted"> · {[entry.mode, entry.platform, entry.version, entry.ip].filter(Boolean).join(' · ')}</span>
                      )}
                    </li>
                  ))}
                </ul>
              ))}
          </Card>
          <Card title={s.nodes} part={view.nodes}>
            {view.nodes.state === 'ready' &&
              (view.nodes.value.length === 0 ? (
                <p className="muted">{s.noNodes}</p>
              ) : (
                <ul className="overview__list">
                  {view.nodes.value.map((node) => (
                    <li key={node.nodeId}>
                      <strong>{node.displayName ?? node.nodeId.slice(0, 12)}</strong>{' '}
                      <span className="muted">
                        · {node.connected ? s.nodeConnected : s.nodeOffline}
                        {node.platform ? ` · ${node.platform}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              ))}
          </Card>
          <Card title={s.scheduled} part={view.cron}>
            {view.cron.state === 'ready' &&
              (view.cron.value.enabled ? (
                <Facts
                  rows={[
                    [s.scheduled, s.jobs(view.cron.value.jobs)],
                    [s.nextWake, view.cron.value.nextWakeAtMs === null ? s.noWake : `${formatInZone(view.cron.value.nextWakeAtMs, zone)} (${zone})`],
                  ]}
                />
              ) : (
                <p className="muted">{s.cronOff}</p>
              ))}
          </Card>
          <Card title={s.heartbeat} part={view.heartbeat}>
            {view.heartbeat.state === 'ready' &&
              (view.heartbeat.value === null || view.heartbeat.value === undefined ? (
                <p className="muted">{s.noHeartbeat}</p>
              ) : (
                <Facts
                  rows={[
                    [s.heartbeat, `${formatInZone(view.heartbeat.value.ts, zone)} (${zone})`],
                    ['Status', view.heartbeat.value.status],
                    ...(view.heartbeat.value.preview === undefined ? [] : [['Preview', view.heartbeat.value.preview] as [string, ReactNode]]),
                  ]}
                />
              ))}
          </Card>
          {view.status.state === 'ready' && view.status.value.channelSummary.length > 0 && (
            <section className="overview__card" aria-labelledby="overview-channels">
              <h2 id="overview-channels" className="section-title">
                {s.channels}
              </h2>
              <ul className="overview__list">
                {view.status.value.channelSummary.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </main>
  );
}
