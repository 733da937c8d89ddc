import type { GatehouseBridge } from '../../shared/ipc/contract';
import { Notice } from '../components/Notice';
import { ViewFrame } from '../components/ViewFrame';
import { useSettings } from '../hooks/useSettings';
import { strings } from '../strings';
import { AppSection } from './settings/AppSection';
import { ChannelsSection } from './settings/channels/ChannelsSection';
import { GatewaySection } from './settings/GatewaySection';
import { ProviderSection } from './settings/ProviderSection';
import { SkillsSection } from './settings/SkillsSection';
import { TokenSection } from './settings/TokenSection';

export interface SettingsWindowProps {
  bridge: GatehouseBridge | undefined;
  /** False where Channels and Skills have pages of their own (the browser shell). */
  showChannels?: boolean;
}

/** Sections for what the bridge cannot do (the browser has no app preferences or token file) are left out. */
export function SettingsWindow({ bridge, showChannels = true }: SettingsWindowProps) {
  const { settings, failed, update, reload } = useSettings(bridge);
  const can = bridge?.capabilities ?? { superviseGateway: true, appPreferences: true, gatewayToken: true };
  return (
    <ViewFrame name="settings" title={strings.settings.title} bridge={bridge}>
      {failed && bridge !== undefined && <Notice tone="error">{strings.common.loadFailed}</Notice>}
      {settings === undefined && !failed && bridge !== undefined && <p className="muted">{strings.common.loading}</p>}
      {settings !== undefined && (
        <>
          {settings.secretStorage === 'unencrypted' && (
            <Notice tone="warning" className="banner">
              <strong>{strings.settings.unencryptedTitle}</strong> {strings.settings.unencrypted}
            </Notice>
          )}
          {can.superviseGateway && <GatewaySection settings={settings} update={update} />}
          <ProviderSection bridge={bridge} settings={settings} onSaved={reload} />
          {showChannels && <ChannelsSection bridge={bridge} />}
          {showChannels && <SkillsSection bridge={bridge} />}
          {can.gatewayToken && <TokenSection bridge={bridge} />}
          {can.appPreferences && <AppSection settings={settings} update={update} />}
        </>
      )}
    </ViewFrame>
  );
}
