import type { IncomingMessage } from 'node:http';

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip'];

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

function hostIsLocal(host: string | undefined): boolean {
  if (!host) return true;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.split(':')[0] ?? '';
  return name === 'localhost' || isLoopbackAddress(name) || name.endsWith('.localhost');
}

export interface PeerInfo {
  /** The raw socket peer address. */
  remoteAddress: string;
  /** Socket is loopback; says nothing about who is behind it (a local reverse proxy is loopback too). */
  loopbackSocket: boolean;
  /**
   * Spec §10.2 "local": loopback peer, local Host header, and no forwarding evidence. The only
   * thing that earns local trust (limiter exemption, silent pairing), whatever the proxy list.
   */
  local: boolean;
  origin?: string;
  forwarded: boolean;
  /** Raw X-Forwarded-For / X-Real-IP; believed only from a trusted proxy (client-address.ts). */
  forwardedFor?: string;
  realIp?: string;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export function describePeer(request: IncomingMessage): PeerInfo {
  const remoteAddress = request.socket.remoteAddress ?? 'unknown';
  const loopbackSocket = isLoopbackAddress(remoteAddress);
  const forwarded = FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined);
  const origin = typeof request.headers.origin === 'string' ? request.headers.origin : undefined;
  return {
    remoteAddress: remoteAddress.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress,
    loopbackSocket,
    local: loopbackSocket && !forwarded && hostIsLocal(request.headers.host),
    origin,
    forwarded,
    forwardedFor: headerText(request.headers['x-forwarded-for']),
    realIp: headerText(request.headers['x-real-ip']),
  };
}
