import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, removeStateDir, type GatewayProcess } from '../helpers/gateway-process.js';
import { attemptConnect, connectClient } from '../helpers/protocol-client.js';

describe('shared-secret auth', () => {
  describe('token mode', () => {
    let gateway: GatewayProcess;
    beforeAll(async () => {
      gateway = await startGateway();
    });
    afterAll(async () => {
      await gateway.stop();
      removeStateDir(gateway.stateDir);
    });

    it('refuses a missing token with AUTH_TOKEN_MISSING and closes 1008', async () => {
      const { client, response } = await attemptConnect(gateway.url, {});
      expect(response.error).toMatchObject({
        code: 'INVALID_REQUEST',
        details: { code: 'AUTH_TOKEN_MISSING', authReason: 'token_missing', canRetryWithDeviceToken: false },
      });
      expect(response.error.message).toMatch(/^unauthorized: gateway token missing/);
      const closed = await client.closed;
      expect(closed.code).toBe(1008);
      expect(closed.reason).toMatch(/^unauthorized: gateway token missing/);
    });

    it('refuses a wrong token with AUTH_TOKEN_MISMATCH and offers the device-token retry', async () => {
      const { client, response } = await attemptConnect(gateway.url, { token: 'wrong' });
      expect(response.error.details).toMatchObject({
        code: 'AUTH_TOKEN_MISMATCH',
        canRetryWithDeviceToken: true,
        recommendedNextStep: 'retry_with_device_token',
      });
      expect((await client.closed).code).toBe(1008);
    });

    it('accepts the token in auth.password too (the mode decides what is compared)', async () => {
      const { client } = await connectClient(gateway.url, { password: gateway.token });
      client.close();
    });

    it('lets a device-less operator on loopback keep its scopes', async () => {
      const { client, hello } = await connectClient(gateway.url, { token: gateway.token, device: null, scopes: ['operator.read'] });
      expect(hello.auth).toEqual({ role: 'operator', scopes: ['operator.read'] });
      client.close();
    });

    it('requires a device identity for nodes', async () => {
      const { client, response } = await attemptConnect(gateway.url, { token: gateway.token, device: null, role: 'node' });
      expect(response.error).toMatchObject({ code: 'NOT_PAIRED', message: 'device identity required', details: { code: 'DEVICE_IDENTITY_REQUIRED' } });
      expect((await client.closed).code).toBe(1008);
    });

    it('treats a loopback connection with forwarding headers as remote: device-less means no scopes', async () => {
      const { client, hello } = await connectClient(gateway.url, {
        token: gateway.token,
        device: null,
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(hello.auth.scopes).toEqual([]);
      expect((await client.request('status')).error.message).toBe('missing scope: operator.read');
      // health stays open to every authenticated connection (spec §7.3).
      expect((await client.request('health')).ok).toBe(true);
      client.close();
    });
  });

  describe('password mode', () => {
    let gateway: GatewayProcess;
    beforeAll(async () => {
      gateway = await startGateway({ token: null, args: ['--auth', 'password', '--password', 'hunter2-but-longer'] });
    });
    afterAll(async () => {
      await gateway.stop();
      removeStateDir(gateway.stateDir);
    });

    it('accepts the right password and names password errors as such', async () => {
      const ok = await connectClient(gateway.url, { password: 'hunter2-but-longer' });
      expect(ok.hello.snapshot.authMode).toBe('password');
      ok.client.close();
      const missing = await attemptConnect(gateway.url, {});
      expect(missing.response.error.details.code).toBe('AUTH_PASSWORD_MISSING');
      const wrong = await attemptConnect(gateway.url, { password: 'nope' });
      expect(wrong.response.error.details.code).toBe('AUTH_PASSWORD_MISMATCH');
    });
  });

  describe('none mode', () => {
    let gateway: GatewayProcess;
    beforeAll(async () => {
      gateway = await startGateway({ token: null, args: ['--auth', 'none'] });
    });
    afterAll(async () => {
      await gateway.stop();
      removeStateDir(gateway.stateDir);
    });

    it('admits loopback clients without a secret', async () => {
      const { client, hello } = await connectClient(gateway.url, {});
      expect(hello.snapshot.authMode).toBe('none');
      client.close();
    });
  });

  describe('failure limiter', () => {
    let gateway: GatewayProcess;
    beforeAll(async () => {
      gateway = await startGateway({
        config: JSON.stringify({ gateway: { auth: { rateLimit: { maxAttempts: 3, windowMs: 60_000, lockoutMs: 300_000, exemptLoopback: false } } } }),
      });
    });
    afterAll(async () => {
      await gateway.stop();
      removeStateDir(gateway.stateDir);
    });

    it('locks an address out after a flood of wrong tokens, even for the right token', async () => {
      for (let i = 0; i < 3; i++) {
        const { response } = await attemptConnect(gateway.url, { token: `wrong-${i}`, device: null });
        expect(response.error.details.code).toBe('AUTH_TOKEN_MISMATCH');
      }
      const locked = await attemptConnect(gateway.url, { token: gateway.token, device: null });
      expect(locked.response.error).toMatchObject({
        code: 'INVALID_REQUEST',
        retryable: true,
        retryAfterMs: expect.any(Number),
        details: { code: 'AUTH_RATE_LIMITED', recommendedNextStep: 'wait_then_retry' },
      });
      expect(locked.response.error.retryAfterMs).toBeGreaterThan(250_000);
      expect((await locked.client.closed).code).toBe(1008);
      // Missing credentials are not counted and get their own answer.
      const missing = await attemptConnect(gateway.url, { device: null });
      expect(missing.response.error.details.code).toBe('AUTH_TOKEN_MISSING');
    });
  });
});
