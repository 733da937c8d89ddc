import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, removeStateDir, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';
import { referenceFrameErrors } from '../helpers/reference-schemas.js';

describe('gateway-core methods', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  beforeAll(async () => {
    gateway = await startGateway();
    admin = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'methods-test', mode: 'ui', displayName: 'Methods' } })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('health returns the real snapshot shape, cached unless probed', async () => {
    const cached = await admin.call('health');
    expect(cached).toMatchObject({
      ok: true,
      ts: expect.any(Number),
      durationMs: expect.any(Number),
      channels: {},
      channelOrder: [],
      defaultAgentId: 'main',
      agents: [expect.objectContaining({ agentId: 'main', isDefault: true, heartbeat: expect.objectContaining({ enabled: false }) })],
      sessions: { path: expect.any(String), count: 0, recent: [] },
    });
    expect((await admin.call('health')).ts).toBe(cached.ts);
    const probedEvent = admin.nextNew((f) => f.event === 'health');
    const probed = await admin.call('health', { probe: true });
    expect(probed.ts).toBeGreaterThanOrEqual(cached.ts);
    const event = await probedEvent;
    expect(event.stateVersion.health).toBeGreaterThan(0);
  });

  it('status summarises the gateway, with paths only for admins', async () => {
    const status = await admin.call('status');
    expect(status).toMatchObject({ ok: true, version: expect.any(String), authMode: 'token', defaultAgentId: 'main', queuedSystemEvents: expect.any(Number) });
    expect(status.stateDir).toBe(gateway.stateDir);
    const reader = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'] })).client;
    const limited = await reader.call('status');
    expect(limited.stateDir).toBeUndefined();
    expect(limited.configPath).toBeUndefined();
    reader.close();
  });

  it('system-presence lists the gateway itself first and connected clients, newest first', async () => {
    const presence = await admin.call('system-presence');
    expect(presence[0]).toMatchObject({ mode: 'gateway', reason: 'self', ts: expect.any(Number) });
    expect(presence.some((entry: any) => entry.host === 'Methods' && entry.roles?.includes('operator'))).toBe(true);
    for (const entry of presence) expect(referenceFrameErrors({ type: 'event', event: 'presence', payload: { presence: [entry] } })).toEqual([]);
  });

  it('last-heartbeat is null while no heartbeat has run', async () => {
    expect(await admin.call('last-heartbeat')).toBeNull();
  });

  it('system-event queues the text, updates presence and broadcasts it; an idempotency key replays', async () => {
    const presenceEvent = admin.nextNew((f) => f.event === 'presence' && f.payload.presence.some((e: any) => e.host === 'kitchen-mac'));
    const first = await admin.call('system-event', { text: 'Node: kitchen-mac is idle', host: 'kitchen-mac', lastInputSeconds: 120, idempotencyKey: 'se-1' });
    expect(first).toEqual({ ok: true, eventId: expect.any(Number) });
    const event = await presenceEvent;
    expect(event.payload.presence.find((e: any) => e.host === 'kitchen-mac')).toMatchObject({ lastInputSeconds: 120, text: 'Node: kitchen-mac is idle' });
    expect(referenceFrameErrors(event)).toEqual([]);
    const replay = await admin.call('system-event', { text: 'Node: kitchen-mac is idle', host: 'kitchen-mac', idempotencyKey: 'se-1' });
    expect(replay).toEqual(first);
    const status = await admin.call('status');
    expect(status.queuedSystemEvents).toBe(1);
  });

  it('logs.tail reads the structured log file with a cursor', async () => {
    const first = await admin.request('logs.tail', { limit: 20 });
    expect(referenceFrameErrors(first, { method: 'logs.tail' })).toEqual([]);
    expect(first.payload.lines.length).toBeGreaterThan(0);
    expect(JSON.parse(first.payload.lines.at(-1))).toMatchObject({ msg: expect.any(String) });
    await admin.call('system-event', { text: 'make a log line' });
    const next = await admin.call('logs.tail', { cursor: first.payload.cursor });
    expect(next.cursor).toBeGreaterThanOrEqual(first.payload.cursor);
    const everything = JSON.stringify(await admin.call('logs.tail', { limit: 5000 }));
    expect(everything).not.toContain(gateway.token);
  });
});
