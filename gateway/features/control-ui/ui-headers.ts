import type { IncomingMessage } from 'node:http';

/** A Host header we may echo into a header value: a name or IP literal and an optional port. */
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function safeHost(request: IncomingMessage): string | undefined {
  const host = request.headers.host;
  return typeof host === 'string' && SAFE_HOST.test(host) ? host.toLowerCase() : undefined;
}

export function isEncrypted(request: IncomingMessage): boolean {
  return (request.socket as { encrypted?: boolean }).encrypted === true;
}

/**
 * The headers every Control UI response carries: a CSP that allows only this origin's scripts
 * and styles (no inline script, so the base path travels in a meta tag) and a WebSocket to this
 * host, no framing, no referrer, no MIME sniffing.
 */
export function uiSecurityHeaders(request: IncomingMessage): Record<string, string> {
  const host = safeHost(request);
  const socketOrigin = host ? ` ${isEncrypted(request) ? 'wss' : 'ws'}://${host}` : '';
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      `connect-src 'self'${socketOrigin}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
      "form-action 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };
}
