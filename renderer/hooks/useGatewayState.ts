import { useEffect, useState } from 'react';
import type { GatehouseBridge, GatewayState } from '../../shared/ipc/contract';
import { isGatewayState } from '../../shared/ipc/gateway-state';

/**
 * The gateway state as the tray shows it: asked for once, then kept current by `tray:state`
 * events. Subscribes before asking, and an event that arrives first wins over the answer.
 * `undefined` until known (or when there is no bridge).
 */
export function useGatewayState(bridge: GatehouseBridge | undefined): GatewayState | undefined {
  const [state, setState] = useState<GatewayState | undefined>(undefined);

  useEffect(() => {
    if (!bridge) return;
    let current = true;
    let heardEvent = false;
    const subscription = bridge.on('tray:state', (payload) => {
      if (!isGatewayState(payload?.state)) return;
      heardEvent = true;
      setState(payload.state);
    });
    bridge.invoke('tray:getState').then(
      (payload) => {
        if (current && !heardEvent && isGatewayState(payload?.state)) setState(payload.state);
      },
      () => {},
    );
    return () => {
      current = false;
      bridge.off(subscription);
    };
  }, [bridge]);

  return state;
}
