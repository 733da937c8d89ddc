import { describe, expect, it } from 'vitest';
import { listenHosts } from '../../../gateway/core/server/listen-hosts.js';

describe('listen hosts', () => {
  it('listens on loopback beside a tailnet or custom address, and nowhere extra otherwise', () => {
    expect(listenHosts('100.101.102.103')).toEqual(['100.101.102.103', '127.0.0.1']);
    expect(listenHosts('192.168.1.20')).toEqual(['192.168.1.20', '127.0.0.1']);
    expect(listenHosts('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(listenHosts('0.0.0.0')).toEqual(['0.0.0.0']);
  });
});
