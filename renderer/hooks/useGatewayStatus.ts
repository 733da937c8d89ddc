import { useEffect, useState } from 'react';
import type { GatehouseBridge, GatewayState, GatewayStatusView } from '../../shared/ipc/contract';
import { isGatewayState } from '../../shared/ipc/gateway-state';
import { isRecord } from './useLiveValue';

export interface GatewayStatusResult {
  /** The full status once `gateway:getStatus` answered or `gateway:status` arrived. */
  status: GatewayStatusView | undefined;
  /** The state alone: the newest of status and `tray:state`, so the label follows either. */
  state: GatewayState | undefined;
  failed: boolean;
}

function isStatusView(value: unknown): value is GatewayStatusView {
  return (
    isRecord(value) &&
    isGatewayState(value['state']) &&
    isRecord(value['connection']) &&
    isRecord(value['counts']) &&
    typeof value['attached'] === 'boolean'
  );
}

/**
 * The gateway as the tray panel shows it. Subscribes before asking; whatever arrives last
 * (an event, or an answer no event has overtaken) wins.
 */
export function useGatewayStatus(bridge: GatehouseBridge | undefined): GatewayStatusResult {
  const [result, setResult] = useState<GatewayStatusResult>({ status: undefined, state: undefined, failed: !bridge });

  useEffect(() => {
    if (!bridge) return;
    let current = true;
    let heardStatus = false;
    let heardState = false;
    const acceptStatus = (status: GatewayStatusView): void =>
      setResult({ status, state: status.state, failed: false });

    const statusSubscription = bridge.on('gateway:status', (payload) => {
      if (!current || !isStatusView(payload)) return;
      heardStatus = true;
      heardState = true;
      acceptStatus(payload);
    });
    const stateSubscription = bridge.on('tray:state', (payload) => {
      if (!current || !isGatewayState(payload?.state)) return;
      heardState = true;
      setResult((previous) => ({ ...previous, state: payload.state }));
    });
    bridge.invoke('gateway:getStatus').then(
      (status) => {
        if (!current || heardStatus) return;
        if (isStatusView(status)) {
          heardState = true;
          acceptStatus(status);
        } else setResult((previous) => ({ ...previous, failed: true }));
      },
      () => current && setResult((previous) => ({ ...previous, failed: true })),
    );
    bridge.invoke('tray:getState').then(
      (payload) => {
        if (current && !heardState && isGatewayState(payload?.state)) {
          setResult((previous) => ({ ...previous, state: payload.state }));
        }
      },
      () => {},
    );
    return () => {
      current = false;
      bridge.off(statusSubscription);
      bridge.off(stateSubscription);
    };
  }, [bridge]);

  return result;
}
