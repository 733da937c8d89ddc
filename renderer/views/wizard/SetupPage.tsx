import type { GatehouseBridge } from '../../../shared/ipc/contract';
import { ViewFrame } from '../../components/ViewFrame';
import { WizardView } from './WizardView';
import { setupPageStrings } from './wizard-strings';

/** The Control UI's Setup page: the gateway's setup wizard over the page's own gateway session. */
export function SetupPage({ bridge }: { bridge: GatehouseBridge }) {
  const s = setupPageStrings;
  return (
    <ViewFrame name="setup" title={s.title} bridge={bridge}>
      <p className="muted">{s.intro}</p>
      <WizardView bridge={bridge} startLabel={s.start} />
    </ViewFrame>
  );
}
