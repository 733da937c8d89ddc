import type { GatehouseBridge } from '../../../shared/ipc/contract';
import { ViewFrame } from '../../components/ViewFrame';
import { ChannelsSection } from '../../views/settings/channels/ChannelsSection';
import { webStrings } from '../web-strings';

/** The tray shows channels inside Settings; the browser gives them a page of their own. */
export function ChannelsPage({ bridge }: { bridge: GatehouseBridge }) {
  return (
    <ViewFrame name="channels" title={webStrings.pages.channels} bridge={bridge}>
      <ChannelsSection bridge={bridge} />
    </ViewFrame>
  );
}
