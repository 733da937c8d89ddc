import { describe, expect, it } from 'vitest';
import { clientAddress, type ProxySettings } from '../../../gateway/core/server/client-address.js';
import type { PeerInfo } from '../../../gateway/core/server/locality.js';

function peer(remoteAddress: string, headers: { forwardedFor?: string; realIp?: string } = {}): PeerInfo {
  const forwarded = headers.forwardedFor !== undefined || headers.realIp !== undefined;
  return { remoteAddress, loopbackSocket: remoteAddress === '127.0.0.1', local: false, forwarded, ...headers };
}

const proxies = (trustedProxies: string[], allowRealIpFallback = false): ProxySettings => ({ trustedProxies, allowRealIpFallback });

describe('client address behind proxies', () => {
  it('ignores forwarding headers from a peer that is not a trusted proxy', () => {
    expect(clientAddress(peer('127.0.0.1', { forwardedFor: '198.51.100.1' }), proxies([]))).toBe('127.0.0.1');
    expect(clientAddress(peer('192.0.2.9', { forwardedFor: '198.51.100.1' }), proxies(['192.0.2.0/31']))).toBe('192.0.2.9');
  });

  it('takes the right-most untrusted hop through trusted proxies given as addresses or CIDRs', () => {
    const settings = proxies(['127.0.0.1', '::1', '10.0.0.0/8', 'fd00::/8']);
    expect(clientAddress(peer('127.0.0.1', { forwardedFor: '203.0.113.5, 198.51.100.1, 10.2.3.4' }), settings)).toBe('198.51.100.1');
    expect(clientAddress(peer('::1', { forwardedFor: '2001:db8::7, fd12::1' }), settings)).toBe('2001:db8::7');
    expect(clientAddress(peer('127.0.0.1', { forwardedFor: '::ffff:198.51.100.9' }), settings)).toBe('198.51.100.9');
    expect(clientAddress(peer('127.0.0.1', { forwardedFor: '[2001:db8::8]:4711' }), settings)).toBe('2001:db8::8');
    expect(clientAddress(peer('127.0.0.1', { forwardedFor: '198.51.100.2:4711' }), settings)).toBe('198.51.100.2');
    // Every hop trusted: the left-most is as far as the chain goes.
    expect(clientAddress(peer('127.0.0.1', { forwardedFor: '10.0.0.1, 10.0.0.2' }), settings)).toBe('10.0.0.1');
  });

  it('answers with the last trusted hop when the next one is not an address', () => {
    expect(clientAddress(peer('127.0.0.1', { forwardedFor: 'unknown, 10.0.0.2' }), proxies(['127.0.0.1', '10.0.0.0/8']))).toBe('10.0.0.2');
  });

  it('uses X-Real-IP only when XFF is absent and the fallback is enabled', () => {
    const header = { realIp: '198.51.100.3' };
    expect(clientAddress(peer('127.0.0.1', header), proxies(['127.0.0.1']))).toBe('127.0.0.1');
    expect(clientAddress(peer('127.0.0.1', header), proxies(['127.0.0.1'], true))).toBe('198.51.100.3');
    expect(clientAddress(peer('127.0.0.1', { ...header, forwardedFor: '198.51.100.4' }), proxies(['127.0.0.1'], true))).toBe('198.51.100.4');
  });

  it('skips list entries that are neither addresses nor CIDRs instead of trusting more', () => {
    const settings = proxies(['localhost', '127.0.0.1/33', '10.0.0.0/8/1']);
    expect(clientAddress(peer('127.0.0.1', { forwardedFor: '198.51.100.1' }), settings)).toBe('127.0.0.1');
  });
});
