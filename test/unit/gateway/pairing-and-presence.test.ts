import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DevicePairing } from '../../../gateway/core/devices/device-pairing.js';
import { EventBus, type EventRecipient } from '../../../gateway/core/events/event-bus.js';
import { PresenceRegistry } from '../../../gateway/core/events/presence-registry.js';
import { GatewayStore } from '../../../gateway/agent/store/gateway-store.js';

describe('device pairing requests', () => {
  let dir: string;
  let store: GatewayStore;
  let now: number;
  const events: { event: string; payload: any }[] = [];
  let pairing: DevicePairing;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-pairing-'));
    store = GatewayStore.open(dir);
    now = 1_000_000;
    events.length = 0;
    // What an operator allowed to pair devices receives.
    const operator: EventRecipient = {
      connId: 'operator-1',
      role: 'operator',
      scopes: ['operator.pairing'],
      deliverBroadcast: (frame) => {
        const { event, payload } = JSON.parse(`${frame.head}}`) as { event: string; payload: any };
        events.push({ event, payload });
      },
    };
    const bus = new EventBus({ recipients: () => [operator] });
    pairing = new DevicePairing(store.devices, store.pairRequests, bus, () => now);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const remote = { deviceId: 'd1', publicKey: 'k1', role: 'operator', scopes: ['operator.read'], clientId: 'app', clientMode: 'ui', local: false };

  it('expires a pending request after five minutes and announces it', () => {
    const decision = pairing.evaluate(remote);
    expect(decision.kind).toBe('pending');
    const requestId = decision.kind === 'pending' ? decision.request.requestId : '';
    now += 299_999;
    pairing.sweep();
    expect(pairing.pendingRequest(requestId)).toBeDefined();
    now += 2;
    pairing.sweep();
    expect(pairing.pendingRequest(requestId)).toBeUndefined();
    expect(events.at(-1)).toEqual({ event: 'device.pair.resolved', payload: { requestId, deviceId: 'd1', decision: 'expired', ts: now } });
    expect(pairing.approve(requestId, 'someone')).toBeUndefined();
  });

  it('supersedes an older request of the same device', () => {
    const first = pairing.evaluate(remote);
    const second = pairing.evaluate(remote);
    const firstId = first.kind === 'pending' ? first.request.requestId : '';
    expect(events.some((e) => e.event === 'device.pair.resolved' && e.payload.requestId === firstId && e.payload.decision === 'rejected')).toBe(true);
    expect(pairing.list().pending.map((r) => r.requestId)).toEqual([second.kind === 'pending' ? second.request.requestId : '']);
  });

  it('auto-approves local first pairing but never a browser scope upgrade', () => {
    const local = { ...remote, deviceId: 'd2', local: true, clientId: 'openclaw-control-ui', browserOrigin: 'http://127.0.0.1:18789' };
    expect(pairing.evaluate(local).kind).toBe('paired');
    expect(pairing.evaluate({ ...local, scopes: ['operator.admin'] }).kind).toBe('pending');
  });
});

describe('presence registry (spec §13.4)', () => {
  it('keeps the gateway first, merges a device connected as operator and node, and drops rows on disconnect', () => {
    let now = 10;
    const presence = new PresenceRegistry({ host: 'gw', version: '1' }, () => now);
    presence.connect({ key: 'device:a', connId: 'c1', entry: { host: 'Mac', deviceId: 'a' } }, ['operator'], ['operator.read']);
    now = 20;
    presence.connect({ key: 'device:a', connId: 'c2', entry: { host: 'Mac', deviceId: 'a' } }, ['node'], []);
    const list = presence.list();
    expect(list[0]).toMatchObject({ mode: 'gateway', reason: 'self' });
    expect(list).toHaveLength(2);
    expect(list[1]).toMatchObject({ roles: ['node', 'operator'], scopes: ['operator.read'] });
    expect(presence.disconnect('device:a', 'c1')).toBe(true);
    expect(presence.list()[1]).toMatchObject({ roles: ['node'] });
    presence.disconnect('device:a', 'c2');
    expect(presence.list()).toHaveLength(1);
  });

  it('never evicts the row just reported when the table is full', () => {
    let now = 0;
    const presence = new PresenceRegistry({ host: 'gw' }, () => now);
    for (let i = 0; i < 199; i++) {
      now += 1;
      presence.connect({ key: `device:${i}`, connId: `c${i}`, entry: { host: `h${i}` } }, ['operator'], []);
    }
    now += 1;
    presence.report('reported:kitchen', { host: 'kitchen' });
    const list = presence.list();
    expect(list).toHaveLength(200);
    expect(list.some((entry) => entry.host === 'kitchen')).toBe(true);
    expect(list.some((entry) => entry.host === 'h0')).toBe(false);
  });

  it('expires reported rows after five minutes', () => {
    let now = 0;
    const presence = new PresenceRegistry({ host: 'gw' }, () => now);
    presence.report('reported:x', { host: 'x' });
    now = 300_001;
    expect(presence.sweep()).toBe(true);
    expect(presence.list()).toHaveLength(1);
  });
});
