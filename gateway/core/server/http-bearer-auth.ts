import type { IncomingMessage } from 'node:http';
import type { AuthFailureLimiter } from './auth-limiter.js';
import { clientAddress, type ProxySettings } from './client-address.js';
import { describePeer } from './locality.js';
import { checkSharedSecret, type SharedSecretConfig } from './shared-secret.js';

export interface BearerAuthDeps {
  auth: SharedSecretConfig;
  proxies: ProxySettings;
  limiter: AuthFailureLimiter;
  now: number;
}

export type BearerAuthOutcome = { ok: true } | { ok: false; status: 401 | 429; message: string; retryAfterMs?: number };

function bearerOf(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * An HTTP request presenting the gateway's admin credential (the shared token or password) as a
 * bearer token. Wrong secrets count in the same limiter, class and address as a wrong connect
 * (spec §8.3), so the HTTP port is no side door for guessing; device tokens are not accepted.
 */
export function checkBearerSecret(request: IncomingMessage, deps: BearerAuthDeps): BearerAuthOutcome {
  const peer = describePeer(request);
  const address = clientAddress(peer, deps.proxies);
  if (deps.auth.mode === 'none') {
    // auth "none" exists only on loopback binds; still, only a direct local caller gets in.
    return peer.local ? { ok: true } : { ok: false, status: 401, message: 'unauthorized: the gateway has no shared secret; call from the gateway host' };
  }
  const bearer = bearerOf(request);
  if (bearer === undefined) {
    return { ok: false, status: 401, message: 'unauthorized: send the gateway token (or password) as Authorization: Bearer <secret>' };
  }
  const locked = deps.limiter.lockedFor(address, 'shared-secret', peer.local, deps.now);
  if (locked > 0) return { ok: false, status: 429, message: 'unauthorized: too many failed authentication attempts (retry later)', retryAfterMs: locked };
  const outcome = checkSharedSecret(deps.auth, { token: bearer });
  if (outcome.kind === 'ok') {
    deps.limiter.recordSuccess(address, 'shared-secret');
    return { ok: true };
  }
  if (outcome.kind === 'mismatch') deps.limiter.recordFailure(address, 'shared-secret', peer.local, deps.now);
  return { ok: false, status: 401, message: 'unauthorized: the bearer is not the gateway token or password' };
}
