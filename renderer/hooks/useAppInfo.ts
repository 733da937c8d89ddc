import { useEffect, useState } from 'react';
import type { AppInfo, GatehouseBridge } from '../../shared/ipc/contract';

export type AppInfoResult =
  | { status: 'loading' }
  | { status: 'ready'; info: AppInfo }
  | { status: 'failed' };

/** The companion's version and platform, read once from main. */
export function useAppInfo(bridge: GatehouseBridge | undefined): AppInfoResult {
  const [result, setResult] = useState<AppInfoResult>(bridge ? { status: 'loading' } : { status: 'failed' });

  useEffect(() => {
    if (!bridge) return;
    let current = true;
    bridge.invoke('app:getInfo').then(
      (info) => current && setResult({ status: 'ready', info }),
      () => current && setResult({ status: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [bridge]);

  return result;
}
