/**
 * `channels.pairing.resolved` on the companion's side: its payload checked with the protocol's
 * schema where it enters, and the sender list read again when it arrives (not edited locally).
 */
import { describe, expect, it } from 'vitest';
import type { SenderPairingListView } from '../../../shared/ipc/contract.js';
import type { ChannelPairingResolved } from '../../../shared/protocol/channels/events.js';
import { SenderPairingService } from '../../../client/channels/sender-pairing-service.js';
import { operatorEventSchemas } from '../../../client/operator/operator-schemas.js';
import { CHANNEL_METHODS, pairingList, senderRequest } from '../main/channel-fixtures.js';

const RESOLVED: ChannelPairingResolved = {
  requestId: 'ABCD2345',
  channel: 'telegram',
  accountId: 'default',
  senderId: '4242',
  decision: 'expired',
  resolvedAt: '2026-01-01T11:00:00.000Z',
};

describe('channels.pairing.resolved', () => {
  it('is an event the operator connection checks', () => {
    const schema = operatorEventSchemas['channels.pairing.resolved'];
    expect(schema.check(RESOLVED)).toBe(true);
    expect(schema.check({ ...RESOLVED, resolvedBy: 'gatehouse-cli', decision: 'approved' })).toBe(true);
    expect(schema.check({ ...RESOLVED, decision: 'maybe' })).toBe(false);
    const { requestId: _dropped, ...withoutId } = RESOLVED;
    expect(schema.check(withoutId)).toBe(false);
  });

  it('makes the service read the list again and push it without the resolved sender', async () => {
    let waiting = [senderRequest(), senderRequest({ requestId: 'LATER234', createdAt: '2026-01-01T10:30:00.000Z' })];
    const calls: string[] = [];
    const emitted: SenderPairingListView[] = [];
    const service = new SenderPairingService({
      request: async (method) => {
        calls.push(method);
        return pairingList(waiting);
      },
      connected: () => true,
      methods: () => CHANNEL_METHODS,
      emit: (view) => emitted.push(view),
      requested: () => undefined,
    });
    await service.list();
    expect(service.count).toBe(2);

    waiting = [senderRequest({ requestId: 'LATER234', createdAt: '2026-01-01T10:30:00.000Z' })];
    service.onResolved(RESOLVED);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual(['channels.pairing.list', 'channels.pairing.list']);
    expect(emitted.at(-1)?.requests.map((request) => request.requestId)).toEqual(['LATER234']);
    expect(service.count).toBe(1);
  });

  it('is ignored once the service is disposed', async () => {
    const calls: string[] = [];
    const service = new SenderPairingService({
      request: async (method) => void calls.push(method),
      connected: () => true,
      methods: () => CHANNEL_METHODS,
      emit: () => undefined,
      requested: () => undefined,
    });
    service.dispose();
    service.onResolved(RESOLVED);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual([]);
  });
});
