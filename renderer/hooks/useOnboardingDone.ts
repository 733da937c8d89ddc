import { useEffect, useState } from 'react';
import type { GatehouseBridge } from '../../shared/ipc/contract';

/** `settings.onboardingDone`, read once; `undefined` while unknown or when it cannot be read. */
export function useOnboardingDone(bridge: GatehouseBridge | undefined): boolean | undefined {
  const [done, setDone] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    if (!bridge) return;
    let current = true;
    bridge.invoke('settings:get').then(
      (settings) => current && typeof settings?.onboardingDone === 'boolean' && setDone(settings.onboardingDone),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [bridge]);
  return done;
}
