import net from 'node:net';

// Address classes the config rules care about (config.md §2.1, §2.5).

function ipv4Octets(address: string): number[] | undefined {
  if (!net.isIPv4(address)) return undefined;
  return address.split('.').map(Number);
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return ipv4Octets(bare)?.[0] === 127;
}

/** 100.64.0.0/10 — the range Tailscale hands out. */
export function isTailnetAddress(address: string): boolean {
  const octets = ipv4Octets(address);
  return octets !== undefined && octets[0] === 100 && (octets[1] ?? 0) >= 64 && (octets[1] ?? 0) <= 127;
}

function isPrivateIpv4(address: string): boolean {
  const octets = ipv4Octets(address);
  if (!octets) return false;
  const [a = 0, b = 0] = octets;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

function isPrivateIpv6(address: string): boolean {
  if (!net.isIPv6(address)) return false;
  const lower = address.toLowerCase();
  return lower.startsWith('fc') || lower.startsWith('fd') || /^fe[89ab]/.test(lower);
}

/** Hosts a plain `ws://` URL may point at: loopback, LAN, link-local, `.local`, `.ts.net`, CGNAT. */
export function isPrivateNetworkHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    isLoopbackHost(bare) ||
    isTailnetAddress(bare) ||
    isPrivateIpv4(bare) ||
    isPrivateIpv6(bare) ||
    bare.endsWith('.local') ||
    bare.endsWith('.ts.net')
  );
}

export interface AddressRange {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** `::ffff:10.0.0.1` is how a dual-stack socket reports an IPv4 peer; compare it as IPv4. */
export function unmapIpv4(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && net.isIPv4(lower.slice(7)) ? lower.slice(7) : address;
}

/** A `gateway.trustedProxies` entry (config.md §2.1): an IP address or a CIDR range, else undefined. */
export function parseAddressRange(entry: string): AddressRange | undefined {
  const [rawAddress = '', prefixText, extra] = entry.trim().split('/');
  if (extra !== undefined) return undefined;
  const address = prefixText === undefined ? unmapIpv4(rawAddress) : rawAddress;
  const version = net.isIP(address);
  if (version === 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const max = version === 4 ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: max, family };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return undefined;
  return { address, prefix: Number(prefixText), family };
}
