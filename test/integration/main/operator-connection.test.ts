import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceIdentityStore } from '../../../main/identity/device-identity-store.js';
import { OPERATOR_SCOPES, OperatorConnection } from '../../../main/operator/operator-connection.js';
import type { OperatorSnapshot } from '../../../client/operator/operator-snapshot.js';
import type { OperatorStatus } from '../../../client/operator/operator-status.js';
import { makeStateDir, removeStateDir, startGateway, TEST_TOKEN, type GatewayProcess } from '../../helpers/gateway-process.js';
import { attemptConnect, connectClient } from '../../helpers/protocol-client.js';
import { testSecretBox } from '../../unit/main/test-secret-box.js';

const REMOTE = { 'x-forwarded-for': '203.0.113.50' };
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gatewayFor(options: { stateDir?: string; port?: number; token?: string } = {}): Promise<GatewayProcess> {
  const gateway = await startGateway(options);
  cleanups.push(() => gateway.stop());
  return gateway;
}

function identityStore(): DeviceIdentityStore {
  const dir = makeStateDir('gatehouse-operator-');
  cleanups.push(() => removeStateDir(dir));
  return DeviceIdentityStore.open({ dir: join(dir, 'identity'), secretBox: testSecretBox() });
}

/** `token: null` = this app does not know the gateway's shared token. */
function operatorFor(url: string, identity: DeviceIdentityStore, token: string | null = TEST_TOKEN) {
  const operator = new OperatorConnection({ url, token: token ?? undefined, identity, clientVersion: '0.1.0-test', platform: 'linux' });
  const statuses: OperatorStatus[] = [];
  operator.onStatus((status) => statuses.push(status));
  cleanups.push(() => operator.stop());
  operator.start();
  return { operator, statuses };
}

function statusOf(operator: OperatorConnection, kind: OperatorStatus['kind'], timeoutMs = 10_000): Promise<OperatorStatus> {
  if (operator.status.kind === kind) return Promise.resolve(operator.status);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`operator never became ${kind}; it is ${JSON.stringify(operator.status)}`)), timeoutMs);
    const off = operator.onStatus((status) => {
      if (status.kind !== kind) return;
      clearTimeout(timer);
      off();
      resolve(status);
    });
  });
}

function snapshotWhere(operator: OperatorConnection, predicate: (snapshot: OperatorSnapshot) => boolean, timeoutMs = 10_000): Promise<OperatorSnapshot> {
  if (predicate(operator.snapshot.get())) return Promise.resolve(operator.snapshot.get());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`snapshot never matched: ${JSON.stringify(operator.snapshot.get())}`)), timeoutMs);
    const off = operator.snapshot.subscribe((snapshot) => {
      if (!predicate(snapshot)) return;
      clearTimeout(timer);
      off();
      resolve(snapshot);
    });
  });
}

describe('OperatorConnection', () => {
  it('connects with its device identity, is paired silently over loopback, and keeps the issued device token', async () => {
    const gateway = await gatewayFor();
    const identity = identityStore();
    const { operator } = operatorFor(gateway.url, identity);

    const connected = await statusOf(operator, 'connected');

    expect(connected).toMatchObject({ protocol: 4, serverVersion: expect.any(String), bootId: expect.any(String) });
    expect(connected.kind === 'connected' && [...connected.scopes].sort()).toEqual([...OPERATOR_SCOPES].sort());
    const stored = identity.loadToken({ gatewayUrl: gateway.url, deviceId: identity.deviceId, role: 'operator' });
    expect(stored?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect([...(stored?.scopes ?? [])].sort()).toEqual([...OPERATOR_SCOPES].sort());

    const snapshot = await snapshotWhere(operator, (s) => s.loadedAt !== null);
    const self = snapshot.pairedDevices.find((device) => device.deviceId === identity.deviceId);
    expect(self).toMatchObject({ clientId: 'gateway-client', clientMode: 'ui', displayName: 'Gatehouse tray', roles: ['operator'] });
    expect(snapshot.pendingPairings).toEqual([]);
    expect(snapshot.presence.some((entry) => entry.deviceId === identity.deviceId)).toBe(true);
    expect(snapshot.presence.some((entry) => entry.mode === 'gateway')).toBe(true);
    // Reloaded only where hello-ok lists exec.approval.list (the gateway is gaining it right now).
    expect(snapshot.execApprovals).toEqual({ pending: [], reloadable: operator.methods.includes('exec.approval.list') });
    expect(snapshot.problems).toEqual([]);
    expect(await operator.request('health', {})).toMatchObject({ ok: true });
  });

  it('reconnects with its stored device token after the gateway restarted with a new shared token', async () => {
    const first = await startGateway();
    const identity = identityStore();
    const { operator } = operatorFor(first.url, identity);
    await statusOf(operator, 'connected');
    const issued = identity.loadToken({ gatewayUrl: first.url, deviceId: identity.deviceId, role: 'operator' });

    await first.stop();
    await statusOf(operator, 'disconnected');
    // Same state dir and port; the token the tray holds is now stale.
    await gatewayFor({ stateDir: first.stateDir, port: first.port, token: 'rotated-gateway-token-fedcba9876543210' });
    cleanups.push(() => removeStateDir(first.stateDir));

    const back = await statusOf(operator, 'connected', 15_000);

    expect(back.kind === 'connected' && back.bootId).not.toBe(undefined);
    // Accepted on the device token (which the gateway does not re-issue), so the stored one stands.
    expect(identity.loadToken({ gatewayUrl: first.url, deviceId: identity.deviceId, role: 'operator' })).toEqual(issued);
    expect(await operator.request('health', {})).toMatchObject({ ok: true });
  });

  it('reloads pending pairing requests and presence after a reconnect, including what happened while it was away', async () => {
    const first = await startGateway();
    cleanups.push(() => removeStateDir(first.stateDir));
    const identity = identityStore();
    const { operator, statuses } = operatorFor(first.url, identity);
    await statusOf(operator, 'connected');
    await snapshotWhere(operator, (s) => s.loadedAt !== null);
    const firstLoad = operator.snapshot.get().loadedAt!;

    await first.stop();
    // Let two reconnect attempts fail (1 s, then 2 s): the next one waits 4 s, a window in which
    // the gateway comes back and a phone asks to pair without the tray being there to hear it.
    await waitFor(() => statuses.filter((s) => s.kind === 'connecting').length >= 3 && operator.status.kind === 'disconnected', 10_000);
    const second = await gatewayFor({ stateDir: first.stateDir, port: first.port });
    const phone = await attemptConnect(second.url, { token: second.token, headers: REMOTE, client: { displayName: 'Phone' } });
    phone.client.close();
    expect(phone.response.error?.details?.code).toBe('PAIRING_REQUIRED');
    const requestId = phone.response.error.details.requestId as string;

    await statusOf(operator, 'connected', 10_000);
    const reloaded = await snapshotWhere(operator, (s) => (s.loadedAt ?? 0) > firstLoad);

    expect(reloaded.pendingPairings).toEqual([expect.objectContaining({ requestId, displayName: 'Phone', silent: false })]);
    expect(reloaded.presence.some((entry) => entry.deviceId === identity.deviceId)).toBe(true);
    expect(reloaded.problems).toEqual([]);

    // And from here on, events keep it current.
    await operator.request('device.pair.reject', { requestId });
    await snapshotWhere(operator, (s) => s.pendingPairings.length === 0, 5_000);
  });

  it('works on its device token alone, and pauses with "check the token" once that token is revoked', async () => {
    const gateway = await gatewayFor();
    const identity = identityStore();
    const key = { gatewayUrl: gateway.url, deviceId: identity.deviceId, role: 'operator' };
    const pairing = operatorFor(gateway.url, identity);
    await statusOf(pairing.operator, 'connected');
    await pairing.operator.stop();

    // E.g. attached to a gateway whose shared token this app does not know.
    const { operator, statuses } = operatorFor(gateway.url, identity, null);
    await statusOf(operator, 'connected');
    const admin = await connectClient(gateway.url, { token: gateway.token, device: null });
    await admin.client.call('device.token.revoke', { deviceId: identity.deviceId, role: 'operator' });
    admin.client.close();

    const paused = await statusOf(operator, 'paused');
    await sleep(2_000);

    expect(paused).toMatchObject({ detailCode: 'AUTH_DEVICE_TOKEN_MISMATCH', nextStep: { kind: 'check-token' } });
    expect(identity.loadToken(key)).toBeNull();
    expect(statuses.filter((s) => s.kind === 'connecting')).toHaveLength(2);
    await operator.reconnect({ token: gateway.token });
    await statusOf(operator, 'connected');
    expect(identity.loadToken(key)?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('stops on a wrong shared token with "check the token" as the next step, without a retry storm', async () => {
    const gateway = await gatewayFor();
    const identity = identityStore();
    const { operator, statuses } = operatorFor(gateway.url, identity, 'not-the-gateway-token-0123456789');

    const paused = await statusOf(operator, 'paused');
    await sleep(3_000);

    expect(paused).toMatchObject({ kind: 'paused', detailCode: 'AUTH_TOKEN_MISMATCH', nextStep: { kind: 'check-token' } });
    expect(paused.kind === 'paused' && paused.nextStep.message).toContain('gatehouse gateway token');
    expect(statuses.filter((s) => s.kind === 'connecting')).toHaveLength(1);
    expect(operator.status.kind).toBe('paused');
    await expect(operator.request('health', {})).rejects.toThrow(/not connected/);

    // The person fixes the token.
    await operator.reconnect({ token: gateway.token });
    await statusOf(operator, 'connected');
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}
