import { describe, expect, it } from 'vitest';
import { nextStepFor } from '../../../client/operator/operator-status.js';

describe('nextStepFor: what the person does when reconnects stopped', () => {
  it('pairing required → approve this device, naming the request', () => {
    const step = nextStepFor('PAIRING_REQUIRED', {
      message: 'pairing required: device pairing required',
      details: { code: 'PAIRING_REQUIRED', reason: 'not-paired', requestId: 'req-123' },
    });
    expect(step).toMatchObject({ kind: 'approve-device', requestId: 'req-123' });
    expect(step.message).toContain(`device.pair.approve --params '{"requestId":"req-123"}'`);
  });

  it('reads the detail code from the error when the pause carried none', () => {
    expect(nextStepFor(null, { details: { code: 'AUTH_TOKEN_MISMATCH' } }).kind).toBe('check-token');
  });

  it.each([
    ['AUTH_TOKEN_MISMATCH', 'check-token'],
    ['AUTH_TOKEN_MISSING', 'check-token'],
    ['AUTH_TOKEN_NOT_CONFIGURED', 'check-token'],
    ['AUTH_PASSWORD_MISMATCH', 'check-token'],
    ['AUTH_DEVICE_TOKEN_MISMATCH', 'check-token'],
    ['AUTH_SCOPE_MISMATCH', 'approve-device'],
    ['PROTOCOL_MISMATCH', 'update'],
    ['CLIENT_VERSION_MISMATCH', 'update'],
    ['AUTH_RATE_LIMITED', 'wait'],
    ['DEVICE_IDENTITY_REQUIRED', 'reconnect'],
    [null, 'reconnect'],
  ])('%s → %s', (code, kind) => {
    expect(nextStepFor(code).kind).toBe(kind);
  });

  it('passes the rate limiter’s wait on', () => {
    expect(nextStepFor('AUTH_RATE_LIMITED', { retryAfterMs: 300_000 })).toMatchObject({ kind: 'wait', retryAfterMs: 300_000 });
  });
});
