import { useState } from 'react';
import type { ChannelsView, GatehouseBridge } from '../../../../shared/ipc/contract';
import { channelStrings } from '../../../channel-strings';
import { Notice } from '../../../components/Notice';
import { isRecord } from '../../../hooks/useLiveValue';
import { usePolledValue } from '../../../hooks/usePolledValue';
import { strings } from '../../../strings';
import { ChannelCard } from './ChannelCard';

/** How often the section reads the accounts again while the window is visible. */
export const CHANNELS_REFRESH_MS = 5_000;

function isChannelsView(value: unknown): value is ChannelsView {
  return (
    isRecord(value) &&
    (value['state'] === 'ready' || value['state'] === 'offline' || value['state'] === 'unsupported') &&
    Array.isArray(value['channels']) &&
    isRecord(value['actions'])
  );
}

const loadStatus = (bridge: GatehouseBridge) => bridge.invoke('channels:status');
const loadChecked = (bridge: GatehouseBridge) => bridge.invoke('channels:check');

/**
 * Settings → Chat channels: each channel's accounts with their state, last error and last
 * messages, start / stop / log out, and a write-only token field. Hidden when the gateway does
 * not serve channels.status.
 */
export function ChannelsSection({ bridge }: { bridge: GatehouseBridge | undefined }) {
  const s = channelStrings;
  const { live, reload } = usePolledValue(bridge, 'channels:changed', loadStatus, isChannelsView, CHANNELS_REFRESH_MS);
  const [checking, setChecking] = useState(false);
  if (live.status === 'ready' && live.value.state === 'unsupported') return null;

  const check = async (): Promise<void> => {
    if (checking) return;
    setChecking(true);
    try {
      await reload(loadChecked);
    } finally {
      setChecking(false);
    }
  };
  const view = live.status === 'ready' ? live.value : undefined;

  return (
    <section className="settings-section" aria-labelledby="settings-channels" data-testid="channels-section">
      <div className="section-header">
        <h2 id="settings-channels" className="section-title">
          {s.section}
        </h2>
        {view?.state === 'ready' && (
          <button type="button" className="button button--small" aria-busy={checking} disabled={checking} onClick={() => void check()}>
            {checking ? s.checking : s.checkNow}
          </button>
        )}
      </div>
      <p className="muted">{s.intro}</p>
      {live.status === 'loading' && <p className="muted">{strings.common.loading}</p>}
      {live.status === 'failed' && bridge !== undefined && <Notice tone="error">{strings.common.loadFailed}</Notice>}
      {view?.state === 'offline' && (
        <Notice tone="info" live={false}>
          {s.offline}
        </Notice>
      )}
      {view?.state === 'ready' &&
        view.channels.map((channel) => <ChannelCard key={channel.id} bridge={bridge} channel={channel} actions={view.actions} onChanged={() => reload()} />)}
    </section>
  );
}
