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
