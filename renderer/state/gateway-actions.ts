/**
 * Which supervision buttons the tray panel offers for a gateway status, and whether each is
 * enabled. An attached gateway (started elsewhere) is never stopped or restarted from here;
 * after repeated crashes Retry takes Start's place.
 */
import type { GatewayStatusView } from '../../shared/ipc/contract.js';

export type GatewayAction = 'start' | 'stop' | 'restart' | 'retry';

export interface GatewayActionOffer {
  action: GatewayAction;
  enabled: boolean;
}

export function gatewayActions(status: Pick<GatewayStatusView, 'state' | 'attached' | 'canRetry'>): GatewayActionOffer[] {
  if (status.attached || status.state === 'attached') {
    return [
      { action: 'stop', enabled: false },
      { action: 'restart', enabled: false },
    ];
  }
  switch (status.state) {
    case 'stopped':
    case 'error':
      return [status.canRetry ? { action: 'retry', enabled: true } : { action: 'start', enabled: true }];
    case 'starting':
      return [
        { action: 'stop', enabled: true },
        { action: 'restart', enabled: false },
      ];
    case 'running':
    case 'degraded':
      return [
        { action: 'stop', enabled: true },
        { action: 'restart', enabled: true },
      ];
  }
}
