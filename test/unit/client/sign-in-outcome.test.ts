import { describe, expect, it } from 'vitest';
import { approveCommand, signInOutcome } from '../../../client/sign-in/sign-in-outcome.js';

const refusal = (code: string, extra: Record<string, unknown> = {}, used: { usedLoginCode?: boolean; usedDeviceToken?: boolean } = {}) => ({
  message: `refused (${code})`,
  details: { code, ...extra },
  usedLoginCode: used.usedLoginCode ?? false,
  usedDeviceToken: used.usedDeviceToken ?? false,
});

describe('what a refused browser connect means', () => {
  it('pairing required: wait for approval, with the request id the CLI command needs', () => {
    expect(signInOutcome(refusal('PAIRING_REQUIRED', { requestId: 'req-1', reason: 'not-paired' }))).toEqual({ kind: 'awaiting-approval', requestId: 'req-1' });
    expect(approveCommand('req-1')).toBe(`gatehouse gateway call device.pair.approve --params '{"requestId":"req-1"}'`);
  });

  it('a spent or expired login code asks for a new link', () => {
    expect(signInOutcome(refusal('AUTH_BOOTSTRAP_TOKEN_INVALID', {}, { usedLoginCode: true })).kind).toBe('code-refused');
    expect(signInOutcome(refusal('AUTH_TOKEN_MISMATCH', {}, { usedLoginCode: true })).kind).toBe('code-refused');
  });

  it('a revoked device token is forgotten and the person signs in again', () => {
    expect(signInOutcome(refusal('AUTH_DEVICE_TOKEN_MISMATCH', {}, { usedDeviceToken: true })).kind).toBe('device-token-refused');
    expect(signInOutcome(refusal('AUTH_TOKEN_MISMATCH', {}, { usedDeviceToken: true })).kind).toBe('device-token-refused');
  });

  it('a wrong pasted token shows the form again with a sentence that names the fix', () => {
    const outcome = signInOutcome(refusal('AUTH_TOKEN_MISMATCH'));
    expect(outcome).toMatchObject({ kind: 'credentials-refused' });
    expect(outcome.kind === 'credentials-refused' && outcome.message).toContain('gatehouse gateway token');
  });

  it('rate limiting waits as long as the gateway says', () => {
    expect(signInOutcome({ ...refusal('AUTH_RATE_LIMITED'), retryAfterMs: 5_000 })).toMatchObject({ kind: 'retry', retryAfterMs: 5_000 });
  });

  it('what the page cannot fix stops with the reason', () => {
    expect(signInOutcome(refusal('CONTROL_UI_ORIGIN_NOT_ALLOWED')).kind).toBe('stopped');
    expect(signInOutcome(refusal('PROTOCOL_MISMATCH')).kind).toBe('stopped');
    expect(signInOutcome({ message: 'boom', usedLoginCode: false, usedDeviceToken: false })).toEqual({ kind: 'stopped', message: 'The gateway refused the connection: boom' });
  });
});
