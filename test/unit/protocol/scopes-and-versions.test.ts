import { describe, expect, it } from 'vitest';
import { scopeSatisfied } from '../../../shared/protocol/scopes.js';
import { negotiateProtocol } from '../../../shared/protocol/versions.js';
import { truncateCloseReason } from '../../../shared/protocol/close-codes.js';
import { METHOD_CATALOGUE } from '../../../shared/protocol/method-catalogue.js';
import { eventVisibleTo } from '../../../shared/protocol/events.js';

describe('scope rules (spec §7.2)', () => {
  it('admin satisfies everything, write satisfies read, approvals and pairing stand alone', () => {
    expect(scopeSatisfied('operator.pairing', ['operator.admin'])).toBe(true);
    expect(scopeSatisfied('operator.read', ['operator.write'])).toBe(true);
    expect(scopeSatisfied('operator.approvals', ['operator.write'])).toBe(false);
    expect(scopeSatisfied('operator.pairing', ['operator.write', 'operator.read'])).toBe(false);
    expect(scopeSatisfied('operator.write', ['operator.read'])).toBe(false);
    expect(scopeSatisfied('operator.talk', ['operator.write'])).toBe(true);
    expect(scopeSatisfied('operator.custom', ['operator.custom'])).toBe(true);
    expect(scopeSatisfied('operator.custom', ['operator.write'])).toBe(false);
  });

  it('maps methods to the scopes of methods.json, aliases included', () => {
    expect(METHOD_CATALOGUE['health']?.scope).toBe('operator.read');
    expect(METHOD_CATALOGUE['device.pair.approve']?.scope).toBe('operator.pairing');
    expect(METHOD_CATALOGUE['system-event']?.scope).toBe('operator.admin');
    expect(METHOD_CATALOGUE['node.invoke.result']?.scope).toBe('node');
    expect(METHOD_CATALOGUE['nodes.list']).toMatchObject({ scope: 'operator.read', aliasOf: 'node.list' });
  });

  it('filters events by role and scope, failing closed for unknown events', () => {
    expect(eventVisibleTo('tick', 'node', [])).toBe(true);
    expect(eventVisibleTo('presence', 'node', [])).toBe(false);
    expect(eventVisibleTo('presence', 'operator', ['operator.write'])).toBe(true);
    expect(eventVisibleTo('device.pair.requested', 'operator', ['operator.write'])).toBe(false);
    expect(eventVisibleTo('device.pair.requested', 'operator', ['operator.pairing'])).toBe(true);
    expect(eventVisibleTo('made.up', 'operator', ['operator.admin'])).toBe(false);
  });
});

describe('version negotiation (spec §2)', () => {
  it('picks the highest of {3, 4} inside the range', () => {
    expect(negotiateProtocol(1, 3)).toBe(3);
    expect(negotiateProtocol(4, 4)).toBe(4);
    expect(negotiateProtocol(3, 4)).toBe(4);
    expect(negotiateProtocol(1, 2)).toBeNull();
    expect(negotiateProtocol(5, 9)).toBeNull();
  });
});

describe('close reasons', () => {
  it('are cut to 123 bytes without splitting a character', () => {
    const reason = `pairing required: ${'é'.repeat(100)}`;
    const cut = truncateCloseReason(reason);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(123);
    expect(reason.startsWith(cut)).toBe(true);
  });
});
