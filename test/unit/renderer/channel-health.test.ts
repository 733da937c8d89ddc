/**
 * What Settings → Channels says about an account: a tone and one line per state (what it means,
 * what to do), the buttons that make sense, and a pasted token checked before it is sent.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelAccountView, ChannelHealth } from '../../../shared/ipc/contract.js';
import { checkToken, presentAccount } from '../../../renderer/state/channel-health.js';
import { channelStrings } from '../../../renderer/channel-strings.js';

const ALL = { start: true, stop: true, logout: true };

function account(overrides: Partial<ChannelAccountView> = {}): ChannelAccountView {
  return {
    accountId: 'default',
    enabled: true,
    running: true,
    connected: true,
    reconnectAttempts: 0,
    lastConnectedAt: 1,
    lastInboundAt: null,
    lastOutboundAt: null,
    lastProbeAt: null,
    health: 'connected',
    token: 'set',
    isDefault: true,
    ...overrides,
  };
}

describe('presentAccount', () => {
  it('tells a revoked token apart and says to paste a new one', () => {
    const shown = presentAccount(account({ health: 'unauthorized', running: false, connected: false }), ALL);
    expect(shown).toMatchObject({ tone: 'error', label: 'Token refused', canStart: true, canStop: false, canLogout: true });
    expect(shown.explain).toMatch(/paste a new one/);
  });

  it('has a label and an explanation for every state', () => {
    for (const health of Object.keys(channelStrings.health) as ChannelHealth[]) {
      const shown = presentAccount(account({ health }), ALL);
      expect(shown.label.length).toBeGreaterThan(0);
      expect(shown.explain.length).toBeGreaterThan(10);
    }
    expect(presentAccount(account({ health: 'unknown', healthLabel: 'hibernating' }), ALL).label).toBe('hibernating');
  });

  it('offers only what makes sense: no start without a token, no logout once logged out, nothing the gateway does not serve', () => {
    expect(presentAccount(account({ health: 'not-configured', token: 'not-set', running: false }), ALL)).toMatchObject({ canStart: false, canStop: false, canLogout: false });
    expect(presentAccount(account({ health: 'logged-out', running: false }), ALL)).toMatchObject({ canStart: true, canLogout: false });
    expect(presentAccount(account({ health: 'disabled', enabled: false, running: false }), ALL).canStart).toBe(false);
    expect(presentAccount(account(), { start: false, stop: false, logout: false })).toMatchObject({ canStart: false, canStop: false, canLogout: false });
  });
});

describe('checkToken', () => {
  it('trims, and refuses short or spaced tokens', () => {
    expect(checkToken('  123456:ABCDEFGHIJKLMNOPQRSTUV  ')).toEqual({ ok: true, token: '123456:ABCDEFGHIJKLMNOPQRSTUV' });
    expect(checkToken('123')).toEqual({ ok: false, problem: 'tooShort' });
    expect(checkToken('123456:ABC DEFGHIJKLMNOPQRSTUV')).toEqual({ ok: false, problem: 'spaces' });
  });
});
