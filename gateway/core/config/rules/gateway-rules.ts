import net from 'node:net';
import { isLoopbackHost, isPrivateNetworkHost, parseAddressRange } from '../network-hosts.js';
import type { ConfigRule } from './rule-report.js';

// config.md §2: what the gateway schema cannot express on its own.

const FINGERPRINT = /^(sha256:)?([0-9a-f]{64}|([0-9a-f]{2}:){31}[0-9a-f]{2})$/i;
const NOT_A_SECRET = new Set(['', 'undefined', 'null']);

export const checkGatewayListener: ConfigRule = (config, report) => {
  const gateway = config.gateway;
  // ⟂ §1.2: OpenClaw treats a file without gateway.mode as clobbered and refuses to start.
  if (gateway?.mode === undefined) {
    report.warn('gateway.mode is not set; assuming "local" (OpenClaw refuses to start without it — add gateway.mode: "local")');
  }
  if (!gateway) return;
  if (gateway.customBindHost !== undefined && !net.isIPv4(gateway.customBindHost)) {
    report.issue('gateway.customBindHost', 'must be an IPv4 address such as "192.168.1.20"');
  }
  if (gateway.bind === 'custom' && gateway.customBindHost === undefined) {
    report.issue('gateway.customBindHost', 'is required when gateway.bind is "custom"');
  }
  (gateway.trustedProxies ?? []).forEach((entry, index) => {
    if (!parseAddressRange(entry)) {
      report.warn(`gateway.trustedProxies[${index}] ("${entry}") is not an IP address or CIDR range such as "10.0.0.0/8"; it is ignored`);
    }
  });
  if (gateway.publicOrigin !== undefined) {
    const problem = publicOriginProblem(gateway.publicOrigin);
    if (problem) report.issue('gateway.publicOrigin', problem);
  }
  if (gateway.compat !== undefined) {
    report.warn(
      'gateway.compat is a Gatehouse-only key that makes the file invalid for OpenClaw; it is honoured, but prefer GATEHOUSE_COMPAT_BARE_HANDSHAKE / GATEHOUSE_COMPAT_LEGACY_LOOPBACK_SIGNATURE',
    );
  }
  if (gateway.pairing !== undefined) {
    report.warn(
      'gateway.pairing is a Gatehouse-only key that makes the file invalid for OpenClaw; it is honoured, but prefer GATEHOUSE_PAIRING_OWN_TAILNET_LOCAL',
    );
  }
};

function publicOriginProblem(origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'must be an origin such as "https://gw.example.com"';
  }
  if (url.origin !== origin.replace(/\/$/, '')) return `must be a bare origin (scheme, host and port only), e.g. "${url.origin}"`;
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return 'must use https: (http: is allowed only for localhost, 127.0.0.1 and [::1])';
}

export const checkGatewayAuth: ConfigRule = (config, report) => {
  const auth = config.gateway?.auth;
  if (!auth) return;
  for (const field of ['token', 'password'] as const) {
    const value = auth[field];
    if (typeof value === 'string' && NOT_A_SECRET.has(value.trim())) {
      report.issue(`gateway.auth.${field}`, `must be a real ${field}, not blank, "undefined" or "null"`);
    }
  }
  if (auth.mode === 'trusted-proxy') {
    if (!auth.trustedProxy) {
      report.issue('gateway.auth.trustedProxy', 'is required when gateway.auth.mode is "trusted-proxy" (set trustedProxy.userHeader)');
    }
    if (auth.token !== undefined) {
      report.issue('gateway.auth.token', 'must not be set when gateway.auth.mode is "trusted-proxy" (the proxy authenticates users)');
    }
  }
};

export const checkGatewayRemote: ConfigRule = (config, report) => {
  const remote = config.gateway?.remote;
  if (!remote) return;
  if (remote.tlsFingerprint !== undefined && !FINGERPRINT.test(remote.tlsFingerprint.trim())) {
    report.issue(
      'gateway.remote.tlsFingerprint',
      'must be a SHA-256 fingerprint: 64 hex digits or 32 colon-separated hex pairs, optionally prefixed "sha256:"',
    );
  }
  if (remote.url === undefined) return;
  let url: URL;
  try {
    url = new URL(remote.url);
  } catch {
    report.issue('gateway.remote.url', 'must be a ws:// or wss:// URL such as "wss://gw.example.com:18789"');
    return;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    report.issue('gateway.remote.url', 'must use ws:// or wss://');
  } else if (url.protocol === 'ws:' && !isPrivateNetworkHost(url.hostname)) {
    report.issue('gateway.remote.url', 'must use wss:// for a public host (ws:// is only for loopback, LAN, .local, .ts.net and CGNAT hosts)');
  }
};

/** Lowercase hex without separators, as clients compare it (§2.5). */
export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.trim().replace(/^sha256:/i, '').replace(/:/g, '').toLowerCase();
}
