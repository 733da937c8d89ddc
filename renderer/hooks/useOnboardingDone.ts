import { useEffect, useState } from 'react';
import type { GatehouseBridge } from '../../shared/ipc/contract';
import { useBridgeEvent } from './useLiveValue';

/** `settings.onboardingDone`, kept current; `undefined` while unknown or when it cannot be read. */
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
  // Onboarding finishes in its own window; the panel hears it here.
  useBridgeEvent(bridge, 'settings:changed', (settings) => {
    if (typeof settings?.onboardingDone === 'boolean') setDone(settings.onboardingDone);
  });
  return done;
}
