import { describe, expect, it } from 'vitest';
import { channelSummary } from '../../../gateway/features/health/health-methods.js';

describe('status.channelSummary', () => {
  it('is one line per account: the state, and the reason when it is not connected', () => {
    const snapshot = (accountId: string, fields: object) => ({ accountId, enabled: true, configured: true, running: true, connected: false, healthState: 'stopped', lastError: null, ...fields });
    expect(
      channelSummary({
        telegram: [snapshot('default', { connected: true, healthState: 'connected', lastError: 'an old error' }), snapshot('work', { healthState: 'unauthorized', lastError: '401 Unauthorized: the bot token was revoked; set channels.telegram.accounts.work.botToken' })],
        discord: [snapshot('default', { healthState: 'not-configured', running: false })],
      }),
    ).toEqual([
      'Telegram default: connected',
      'Telegram work: unauthorized (401 Unauthorized: the bot token was revoked; set channels.telegram.accounts.work.botToken)',
      'Discord default: not-configured',
    ]);
  });

  it('is empty without the channels feature, and skips what it cannot read', () => {
    expect(channelSummary(undefined)).toEqual([]);
    expect(channelSummary({ telegram: 'nonsense', discord: [null, { healthState: 'connected' }] })).toEqual([]);
    expect(channelSummary({ telegram: [{ accountId: 'x', lastError: 'e'.repeat(300) }] })[0]).toHaveLength('Telegram x: not connected ()'.length + 120);
  });
});
