import net from 'node:net';
import { parseAddressRange, unmapIpv4 } from '../config/network-hosts.js';
import type { PeerInfo } from './locality.js';

/** config.md §2.1: whose forwarding headers count, and whether X-Real-IP may stand in for XFF. */
export interface ProxySettings {
  trustedProxies: readonly string[];
  allowRealIpFallback: boolean;
}

type AddressMatcher = (address: string) => boolean;

// Settings are replaced, never mutated, on reload: one matcher per list object is enough.
const matchers = new WeakMap<readonly string[], AddressMatcher>();

function matcherFor(entries: readonly string[]): AddressMatcher {
  const cached = matchers.get(entries);
  if (cached) return cached;
  const list = new net.BlockList();
  // Entries that are not an address or CIDR are skipped (the config rules warn about them): a
  // typo can only make fewer peers trusted, never more.
  for (const range of entries.map(parseAddressRange)) {
    if (range) list.addSubnet(range.address, range.prefix, range.family);
  }
  const matcher: AddressMatcher = (address) => {
    const version = net.isIP(address);
    return version !== 0 && list.check(address, version === 4 ? 'ipv4' : 'ipv6');
  };
  matchers.set(entries, matcher);
  return matcher;
}

/** One X-Forwarded-For hop as an address: ports and brackets dropped; undefined if it is not an IP. */
function hopAddress(hop: string): string | undefined {
  let text = hop.trim().replace(/^"|"$/g, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1] ?? '';
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  const address = unmapIpv4(text);
  return net.isIP(address) === 0 ? undefined : address;
}

/**
 * The address the failed-login limiter and pairing should see. Forwarding headers are believed
 * only when the socket's peer is a declared trusted proxy; otherwise anyone could name their own
 * address per attempt. Through a trusted proxy, the client is the right-most hop that is not
 * itself a trusted proxy: hops to its left were written by the client and prove nothing.
 */
export function clientAddress(peer: PeerInfo, settings: ProxySettings): string {
  const trusted = matcherFor(settings.trustedProxies);
  if (!trusted(peer.remoteAddress)) return peer.remoteAddress;
  const hops = (peer.forwardedFor ?? '').split(',').filter((hop) => hop.trim() !== '');
  if (hops.length === 0) {
    const realIp = settings.allowRealIpFallback && peer.realIp !== undefined ? hopAddress(peer.realIp) : undefined;
    return realIp ?? peer.remoteAddress;
  }
  let vouchedFor = peer.remoteAddress;
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const address = hopAddress(hops[index] ?? '');
    // A hop that is not an address cannot be keyed on; the last trusted hop answers for it.
    if (address === undefined) return vouchedFor;
    if (!trusted(address)) return address;
    vouchedFor = address;
  }
  return vouchedFor;
}
