import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

// Heartbeats spend the owner's tokens on their own: only operator.admin may switch them
// (methods.json `set-heartbeats`), only operator.write may wake the agent (`wake`), and nothing a
// client sends reaches the queue or the scheduler unparsed.

describe('heartbeat attacks', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  beforeAll(async () => {
    gateway = await startGateway();
    admin = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'admin-ui', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  /** A device paired with exactly `scopes`, acting with nothing but its own device token. */
  async function deviceWith(scopes: string[]): Promise<RawClient> {
    const device = createTestDevice();
    const first = await connectClient(gateway.url, { token: gateway.token, device, scopes });
    first.client.close();
    const deviceToken = first.hello.auth.deviceToken as string;
    return (await connectClient(gateway.url, { device, deviceToken, scopes })).client;
  }

  it('a read-only device can read the last heartbeat but neither switch heartbeats nor wake the agent', async () => {
    const reader = await deviceWith(['operator.read']);
    expect((await reader.request('last-heartbeat', {})).ok).toBe(true);
    const queuedBefore = (await admin.call('status')).queuedSystemEvents;
    const off = await reader.request('set-heartbeats', { enabled: false });
    expect(off.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin' } });
    const wake = await reader.request('wake', { mode: 'now', text: 'run up the bill' });
    expect(wake.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'MISSING_SCOPE', missingScope: 'operator.write' } });
    expect((await admin.call('status')).heartbeat.enabled).toBe(true);
    expect((await admin.call('status')).queuedSystemEvents).toBe(queuedBefore);
    reader.close();
  });

  it('a write-scoped device may wake the agent but not switch heartbeats off', async () => {
    const writer = await deviceWith(['operator.read', 'operator.write']);
    expect(await writer.call('wake', { mode: 'next-heartbeat', text: 'check the oven' })).toEqual({ ok: true });
    const off = await writer.request('set-heartbeats', { enabled: false });
    expect(off.error).toMatchObject({ details: { missingScope: 'operator.admin' } });
    expect((await admin.call('status')).heartbeat.enabled).toBe(true);
    writer.close();
  });

  it.each([
    ['set-heartbeats', {}],
    ['set-heartbeats', { enabled: 'false' }],
    ['set-heartbeats', { enabled: 0 }],
    ['set-heartbeats', { enabled: false, every: '1ms' }],
    ['wake', {}],
    ['wake', { mode: 'later', text: 'x' }],
    ['wake', { mode: 'now' }],
    ['wake', { mode: 'now', text: '' }],
    ['wake', { mode: 'now', text: 'x'.repeat(20_001) }],
    ['wake', { mode: 'now', text: { toString: 'x' } }],
    ['wake', { mode: 'now', text: 'x', sessionKey: 'agent:main:\u0000main' }],
    ['wake', { mode: 'now', text: 'x', sessionKey: 'agent:../../etc:main' }],
    ['wake', { mode: 'now', text: 'x', agentId: 'x'.repeat(65) }],
    ['wake', { mode: 'now', text: 'x', agentId: 'ghost' }],
    ['wake', { mode: 'now', text: 'x', agentId: 'main', sessionKey: 'agent:other:main' }],
    ['wake', { mode: 'now', text: 'x', deliver: true, channel: 'telegram' }],
    ['last-heartbeat', { agentId: 'main' }],
  ])('%s refuses %j', async (method, params) => {
    const queuedBefore = (await admin.call('status')).queuedSystemEvents;
    const response = await admin.request(method, params);
    expect(response.ok).toBe(false);
    expect(response.error.code).toBe('INVALID_REQUEST');
    expect((await admin.call('status')).queuedSystemEvents).toBe(queuedBefore);
    expect((await admin.call('status')).heartbeat.enabled).toBe(true);
  });

  it('a prototype-polluting wake is refused and pollutes nothing', async () => {
    const response = await admin.request('wake', JSON.parse('{"mode":"now","text":"x","__proto__":{"mode":"next-heartbeat","polluted":true}}'));
    expect(response.error?.code).toBe('INVALID_REQUEST');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
