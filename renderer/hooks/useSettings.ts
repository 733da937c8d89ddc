import { useCallback, useEffect, useState } from 'react';
import type { GatehouseBridge, SettingsUpdate, SettingsView } from '../../shared/ipc/contract';
import { errorMessage } from '../format/error-message';
import { strings } from '../strings';
import { isRecord, useBridgeEvent } from './useLiveValue';

export interface SettingsState {
  settings: SettingsView | undefined;
  failed: boolean;
  /** Sends an update; resolves to the saved view, or throws with a readable message. */
  update(update: SettingsUpdate): Promise<SettingsView>;
  reload(): Promise<void>;
}

function isSettingsView(value: unknown): value is SettingsView {
  return isRecord(value) && (value['gatewayMode'] === 'local' || value['gatewayMode'] === 'remote') && typeof value['port'] === 'number';
}

/** The settings view model, read from main and replaced by each update's answer and each `settings:changed`. */
export function useSettings(bridge: GatehouseBridge | undefined): SettingsState {
  const [settings, setSettings] = useState<SettingsView | undefined>(undefined);
  const [failed, setFailed] = useState(false);

  const reload = useCallback(async () => {
    if (!bridge) return;
    try {
      const view = await bridge.invoke('settings:get');
      if (!isSettingsView(view)) throw new Error('bad settings');
      setSettings(view);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [bridge]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // Changed elsewhere: another window, the tray menu, the gateway's config.
  useBridgeEvent(bridge, 'settings:changed', (view) => {
    if (isSettingsView(view)) setSettings(view);
  });

  const update = useCallback(
    async (changes: SettingsUpdate): Promise<SettingsView> => {
      if (!bridge) throw new Error(strings.errors.bridgeMissing);
      let view: SettingsView;
      try {
        view = await bridge.invoke('settings:update', changes);
      } catch (error) {
        throw new Error(errorMessage(error, strings.common.actionFailed), { cause: error });
      }
      if (!isSettingsView(view)) throw new Error(strings.common.actionFailed);
      setSettings(view);
      return view;
    },
    [bridge],
  );

  return { settings, failed, update, reload };
}
