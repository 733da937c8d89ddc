import type { GatehouseBridge } from '../../shared/ipc/contract';
import { useSettings } from './useSettings';

/**
 * `settings.onboardingDone`, kept current (onboarding finishes in its own window); `undefined`
 * while unknown or when it cannot be read.
 */
export function useOnboardingDone(bridge: GatehouseBridge | undefined): boolean | undefined {
  return useSettings(bridge).settings?.onboardingDone;
}
