import { describe, expect, it } from 'vitest';
import type { GatewayState } from '../../../shared/ipc/contract.js';
import { gatewayActions } from '../../../renderer/state/gateway-actions.js';

const offers = (state: GatewayState, extra: { attached?: boolean; canRetry?: boolean } = {}) =>
  gatewayActions({ state, attached: extra.attached ?? false, canRetry: extra.canRetry ?? false });

describe('gatewayActions', () => {
  it('offers Start when the gateway is stopped or failed', () => {
    expect(offers('stopped')).toEqual([{ action: 'start', enabled: true }]);
    expect(offers('error')).toEqual([{ action: 'start', enabled: true }]);
  });

  it('offers Retry instead of Start after repeated crashes', () => {
    expect(offers('error', { canRetry: true })).toEqual([{ action: 'retry', enabled: true }]);
  });

  it('offers Stop and Restart for a gateway the app runs', () => {
    const both = [
      { action: 'stop', enabled: true },
      { action: 'restart', enabled: true },
    ];
    expect(offers('running')).toEqual(both);
    expect(offers('degraded')).toEqual(both);
  });

  it('lets a start be cancelled but not restarted', () => {
    expect(offers('starting')).toEqual([
      { action: 'stop', enabled: true },
      { action: 'restart', enabled: false },
    ]);
  });

  it('never stops or restarts an attached gateway', () => {
    const disabled = [
      { action: 'stop', enabled: false },
      { action: 'restart', enabled: false },
    ];
    expect(offers('attached')).toEqual(disabled);
    // The flag wins even if the state says otherwise.
    expect(offers('running', { attached: true })).toEqual(disabled);
    expect(offers('degraded', { attached: true, canRetry: true })).toEqual(disabled);
  });
});
