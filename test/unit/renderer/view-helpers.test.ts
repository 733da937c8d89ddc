import { describe, expect, it } from 'vitest';
import type { ApprovalView, PairingRequestView } from '../../../shared/ipc/contract.js';
import { errorMessage } from '../../../renderer/format/error-message.js';
import { relativeTime } from '../../../renderer/format/relative-time.js';
import { hashFor, viewFromHash } from '../../../renderer/route.js';
import { currentApproval } from '../../../renderer/state/approval-queue.js';
import { pairingKey, shortId, visiblePairingRequests } from '../../../renderer/state/pairing-list.js';
import { newSessionKey } from '../../../renderer/state/session-key.js';

describe('routing by hash', () => {
  it('picks the view named by the hash, panel otherwise', () => {
    expect(viewFromHash('#chat')).toBe('chat');
    expect(viewFromHash('#/settings')).toBe('settings');
    expect(viewFromHash('#Approvals')).toBe('approvals');
    expect(viewFromHash('#logs?follow=1')).toBe('logs');
    expect(viewFromHash('')).toBe('panel');
    expect(viewFromHash('#')).toBe('panel');
    expect(viewFromHash('#constructor')).toBe('panel');
    expect(viewFromHash('#__proto__')).toBe('panel');
    expect(hashFor('onboarding')).toBe('#onboarding');
  });
});

function approval(id: string, createdAtMs: number): ApprovalView {
  return { id, command: 'ls', host: 'h', createdAtMs, expiresAtMs: createdAtMs + 1, decisions: ['allow-once', 'deny'] };
}

describe('approval queue', () => {
  it('shows the oldest request not yet set aside', () => {
    const list = [approval('b', 20), approval('a', 10), approval('c', 30)];
    expect(currentApproval(list, new Set())).toMatchObject({ current: { id: 'a' }, index: 1, total: 3 });
    expect(currentApproval(list, new Set(['a']))).toMatchObject({ current: { id: 'b' }, total: 2 });
    expect(currentApproval(list, new Set(['a', 'b', 'c']))).toEqual({ current: undefined, index: 0, total: 0 });
  });
});

function pairing(kind: 'device' | 'node', requestId: string, requestedAtMs: number): PairingRequestView {
  return { kind, requestId, subjectId: requestId, name: requestId, scopes: [], commands: [], elevated: false, requestedAtMs };
}

describe('pairing list', () => {
  it('merges devices and nodes oldest first, without the ones set aside', () => {
    const list = [pairing('node', 'n1', 30), pairing('device', 'd1', 10), pairing('device', 'n1', 20)];
    expect(visiblePairingRequests(list, new Set()).map(pairingKey)).toEqual(['device:d1', 'device:n1', 'node:n1']);
    expect(visiblePairingRequests(list, new Set(['device:n1'])).map(pairingKey)).toEqual(['device:d1', 'node:n1']);
  });

  it('shortens long ids to their ends', () => {
    expect(shortId('0123456789abcdef0123456789')).toBe('01234567…23456789');
    expect(shortId('short-id')).toBe('short-id');
  });
});

describe('new chat session keys', () => {
  it('are chat-<timestamp>, bumped past keys in use', () => {
    expect(newSessionKey(1_767_000_000_000, new Set())).toBe('chat-1767000000000');
    expect(newSessionKey(5, new Set(['chat-5', 'chat-6']))).toBe('chat-7');
  });
});

describe('relative time', () => {
  it('rounds to seconds, minutes, hours and days', () => {
    const now = 1_000_000_000;
    expect(relativeTime(now - 10_000, now)).toEqual({ value: 0, unit: 'second' });
    expect(relativeTime(now - 120_000, now)).toEqual({ value: -2, unit: 'minute' });
    expect(relativeTime(now - 3 * 3_600_000, now)).toEqual({ value: -3, unit: 'hour' });
    expect(relativeTime(now - 2 * 86_400_000, now)).toEqual({ value: -2, unit: 'day' });
  });
});

describe('errorMessage', () => {
  it('strips the wrapper Electron puts around errors thrown in main', () => {
    const error = new Error("Error invoking remote method 'chat:send': Error: The gateway is not connected.");
    expect(errorMessage(error, 'fallback')).toBe('The gateway is not connected.');
    expect(errorMessage(new Error("Error invoking remote method 'x': TypeError: bad"), 'f')).toBe('bad');
  });

  it('falls back when there is nothing to show', () => {
    expect(errorMessage(new Error(''), 'fallback')).toBe('fallback');
    expect(errorMessage({ weird: true }, 'fallback')).toBe('fallback');
    expect(errorMessage('plain', 'fallback')).toBe('plain');
  });
});
