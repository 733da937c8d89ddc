import { isControlUiClient } from '../../../shared/protocol/client-ids.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import type { ConnectParams } from '../../../shared/protocol/connect.js';
import { ErrorCode } from '../../../shared/protocol/error-codes.js';
import { DEFAULT_OPERATOR_SCOPES, isRole, scopesCovered, type Role } from '../../../shared/protocol/scopes.js';
import { HIGHEST_PROTOCOL_VERSION, negotiateProtocol, type ProtocolVersion } from '../../../shared/protocol/versions.js';
import { PAIRING_CLOSE_TEXT, PAIRING_REQUIREMENT_TEXT, type DevicePairing } from '../devices/device-pairing.js';
import type { DeviceTokens } from '../devices/device-tokens.js';
import type { LoginCodes } from '../devices/login-codes.js';
import { isPrivateNetworkHost } from '../config/network-hosts.js';
import type { AuthFailureLimiter } from './auth-limiter.js';
import { clientAddress, type ProxySettings } from './client-address.js';
import { verifyDeviceProof, DEVICE_PROOF_ERRORS } from './device-proof.js';
import { authFailure, reject, type AuthFailureCode, type HandshakeRejection } from './handshake-errors.js';
import type { PeerInfo } from './locality.js';
import { checkSharedSecret, type SharedSecretConfig } from './shared-secret.js';

export interface HandshakeSettings {
  auth: SharedSecretConfig;
  allowedOrigins: readonly string[];
  /**
   * gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback: a browser Origin whose host is
   * the request's Host header passes on any host, public names included (for a reverse proxy
   * whose public name is not listed). A page on any name that resolves to this gateway (DNS
   * rebinding) then passes too; off by default, and the gateway warns at start when on.
   */
  allowHostHeaderOriginFallback?: boolean;
  legacyLoopbackSignature: boolean;
  proxies: ProxySettings;
}

export interface HandshakeDeps {
  settings: () => HandshakeSettings;
  limiter: AuthFailureLimiter;
  pairing: DevicePairing;
  tokens: DeviceTokens;
  /** One-time login codes (`auth.bootstrapToken`) minted for the browser Control UI. */
  loginCodes: LoginCodes;
  isStarting: () => boolean;
  now: () => number;
}

export type AuthMethod = 'none' | 'token' | 'password' | 'device-token' | 'bootstrap-token';

export interface HandshakeAcceptance {
  protocol: ProtocolVersion;
  role: Role;
  scopes: string[];
  authMethod: AuthMethod;
  deviceId?: string;
  issuedToken?: { token: string; issuedAtMs: number };
  /** Who is behind the socket (a trusted proxy's forwarded client, or the socket's peer). */
  clientAddress: string;
}

export type HandshakeOutcome = { ok: true; value: HandshakeAcceptance } | { ok: false; rejection: HandshakeRejection };

/** Who the failed-login limiter counts against, and whether it may skip them. */
interface LimiterSubject {
  address: string;
  exempt: boolean;
}

export interface HandshakeInput {
  params: ConnectParams;
  challengeNonce: string;
  peer: PeerInfo;
  requestHost?: string;
}

function fail(rejection: HandshakeRejection): HandshakeOutcome {
  return { ok: false, rejection };
}

/**
 * Spec §4.4 step 5, config.md §2.3: a browser's Origin passes when it is listed in
 * `allowedOrigins`, or when it is the page this gateway served (same host as the request) on a
 * loopback, private-network, `.local`, `.ts.net` or CGNAT host. A public name must be listed: a
 * Host header alone cannot prove which site a browser page came from.
 */
function originAllowed(origin: string, requestHost: string | undefined, allowed: readonly string[], hostHeaderFallback = false): boolean {
  const normalized = origin.trim().replace(/\/+$/, '').toLowerCase();
  if (allowed.includes(normalized)) return true;
  let parsed: URL;
  try {
    parsed = new URL(normalized);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (requestHost === undefined || parsed.host !== requestHost.toLowerCase()) return false;
  return hostHeaderFallback || isPrivateNetworkHost(parsed.hostname);
}

/** Spec §4.4: the server-side checks of a `connect`, in order; the first failure ends it. */
export function performHandshake(input: HandshakeInput, deps: HandshakeDeps): HandshakeOutcome {
  const { params, peer } = input;
  const settings = deps.settings();
  const requestedRole = params.role ?? 'operator';

  if (deps.isStarting() && requestedRole !== 'node') {
    return fail(
      reject(
        { code: ErrorCode.unavailable, message: 'gateway starting; retry shortly', retryable: true, retryAfterMs: 500 },
        CloseCode.tryAgainLater,
        'gateway starting',
      ),
    );
  }

  const protocol = negotiateProtocol(params.minProtocol, params.maxProtocol);
  if (protocol === null) {
    return fail(
      reject(
        {
          code: ErrorCode.invalidRequest,
          message: 'protocol mismatch',
          details: {
            code: 'PROTOCOL_MISMATCH',
            clientMinProtocol: params.minProtocol,
            clientMaxProtocol: params.maxProtocol,
            expectedProtocol: HIGHEST_PROTOCOL_VERSION,
          },
        },
        CloseCode.protocolMismatch,
      ),
    );
  }

  if (!isRole(requestedRole)) return fail(reject({ code: ErrorCode.invalidRequest, message: 'invalid role' }));
  const role: Role = requestedRole;

  if (peer.origin !== undefined && !originAllowed(peer.origin, input.requestHost, settings.allowedOrigins, settings.allowHostHeaderOriginFallback)) {
    return fail(
      reject({
        code: ErrorCode.invalidRequest,
        message: `origin not allowed (add ${peer.origin} to gateway.controlUi.allowedOrigins)`,
        details: { code: 'CONTROL_UI_ORIGIN_NOT_ALLOWED' },
      }),
    );
  }

  const now = deps.now();
  // The limiter counts the real client (behind a trusted proxy, its forwarded address) and spares
  // only a direct local one: a loopback socket carrying forwarding headers is a remote client
  // behind a local proxy, however trusted that proxy is.
  const subject: LimiterSubject = { address: clientAddress(peer, settings.proxies), exempt: peer.local };
  const auth = params.auth ?? {};
  const shared = checkSharedSecret(settings.auth, auth);
  // A locked-out address gets no answer about its shared secret, right or wrong.
  const sharedLocked = deps.limiter.lockedFor(subject.address, 'shared-secret', subject.exempt, now);
  const sharedOk = shared.kind === 'ok' && sharedLocked === 0;
  const lockedOut = (): HandshakeRejection | undefined =>
    sharedLocked > 0 && (shared.kind === 'ok' || shared.kind === 'mismatch')
      ? authFailure('AUTH_RATE_LIMITED', { retryAfterMs: sharedLocked })
      : undefined;

  const device = params.device;
  if (!device) {
    if (role === 'node') return fail(deviceIdentityRequired());
    if (isControlUiClient(params.client.id)) {
      return fail(
        reject({
          code: ErrorCode.invalidRequest,
          message: 'control ui requires device identity (use HTTPS or localhost secure context)',
          details: { code: 'CONTROL_UI_DEVICE_IDENTITY_REQUIRED' },
        }),
      );
    }
    if (settings.auth.mode === 'none' && !peer.local) return fail(deviceIdentityRequired());
    if (!sharedOk) return fail(lockedOut() ?? sharedSecretFailure(shared.kind, settings.auth.mode, false, deps, subject, now));
    const keepScopes = peer.local;
    return {
      ok: true,
      value: {
        protocol,
        role,
        scopes: keepScopes ? requestedScopes(params, role) : [],
        authMethod: settings.auth.mode === 'none' ? 'none' : (settings.auth.mode as AuthMethod),
        clientAddress: subject.address,
      },
    };
  }

  const proof = verifyDeviceProof(params, {
    challengeNonce: input.challengeNonce,
    now,
    directLoopback: peer.loopbackSocket && !peer.forwarded,
    allowLegacyLoopbackSignature: settings.legacyLoopbackSignature,
  });
  if (!proof.ok) {
    const { message, reason } = DEVICE_PROOF_ERRORS[proof.failure];
    return fail(reject({ code: ErrorCode.invalidRequest, message, details: { code: proof.failure, reason } }));
  }

  const scopes = requestedScopes(params, role);
  let authMethod: AuthMethod | undefined = sharedOk
    ? settings.auth.mode === 'none'
      ? 'none'
      : (settings.auth.mode as AuthMethod)
    : undefined;

  if (!authMethod && auth.bootstrapToken !== undefined && auth.deviceToken === undefined) {
    const redeemed = redeemLoginCode(auth.bootstrapToken, role, scopes, deps, subject, now);
    if (!redeemed.ok) return fail(redeemed.rejection);
    authMethod = 'bootstrap-token';
  }

  if (!authMethod) {
    const candidate = auth.deviceToken ?? auth.token;
    const tokenLocked = deps.limiter.lockedFor(subject.address, 'device-token', subject.exempt, now);
    if (candidate && tokenLocked > 0) return fail(authFailure('AUTH_RATE_LIMITED', { retryAfterMs: tokenLocked }));
    const check = candidate ? deps.tokens.check(proof.deviceId, role, candidate, scopes) : 'mismatch';
    if (check === 'ok') {
      authMethod = 'device-token';
      deps.limiter.recordSuccess(subject.address, 'device-token');
    } else if (lockedOut()) {
      return fail(lockedOut() as HandshakeRejection);
    } else if (auth.deviceToken !== undefined || (candidate && shared.kind !== 'mismatch')) {
      // The caller clearly meant a device token: report that, not the shared secret.
      deps.limiter.recordFailure(subject.address, 'device-token', subject.exempt, now);
      return fail(authFailure(check === 'scope-mismatch' ? 'AUTH_SCOPE_MISMATCH' : 'AUTH_DEVICE_TOKEN_MISMATCH'));
    } else {
      const canRetry = shared.kind === 'mismatch' && auth.deviceToken === undefined;
      return fail(sharedSecretFailure(shared.kind, settings.auth.mode, canRetry, deps, subject, now));
    }
  } else if (authMethod !== 'bootstrap-token') {
    deps.limiter.recordSuccess(subject.address, 'shared-secret');
  }

  const decision = deps.pairing.evaluate({
    deviceId: proof.deviceId,
    publicKey: proof.publicKey,
    role,
    scopes,
    displayName: params.client.displayName,
    platform: params.client.platform,
    deviceFamily: params.client.deviceFamily,
    clientId: params.client.id,
    clientMode: params.client.mode,
    remoteIp: peer.local ? undefined : subject.address,
    // A redeemed login code is an admin's approval given in advance (the code was minted with the
    // gateway's shared secret): the device pairs silently, wherever it connects from, for no more
    // than the code grants (checked in redeemLoginCode).
    ...(authMethod === 'bootstrap-token' ? { local: true, browserOrigin: undefined } : { local: peer.local, browserOrigin: peer.origin }),
  });
  if (decision.kind === 'pending') {
    const { reason, request } = decision;
    return fail(
      reject(
        {
          code: ErrorCode.notPaired,
          message: `pairing required: ${PAIRING_REQUIREMENT_TEXT[reason]}`,
          details: {
            code: 'PAIRING_REQUIRED',
            reason,
            requestId: request.requestId,
            remediationHint: 'approve this device from an operator with operator.pairing (device.pair.approve), then reconnect',
            deviceId: request.deviceId,
            requestedRole: role,
            requestedScopes: scopes,
            ...(decision.device ? { approvedRoles: decision.device.roles, approvedScopes: decision.device.scopes } : {}),
          },
        },
        CloseCode.policyViolation,
        `pairing required: ${PAIRING_CLOSE_TEXT[reason]} (requestId: ${request.requestId})`,
      ),
    );
  }

  const issuedToken =
    authMethod === 'device-token' ? undefined : deps.tokens.mint(proof.deviceId, role, decision.device.scopes);
  return { ok: true, value: { protocol, role, scopes, authMethod, deviceId: proof.deviceId, issuedToken, clientAddress: subject.address } };
}

/** The message every refused login code gets: unknown, used, expired or not for this role look alike. */
const LOGIN_CODE_REFUSED = 'unauthorized: login code invalid, already used or expired (run `gatehouse dashboard` for a new one)';

/**
 * Spec §8.2 step 3 (`auth.bootstrapToken`): the one-time code `POST <basePath>api/login-code`
 * minted. Refusals use AUTH_UNAUTHORIZED (spec §5.3 has no bootstrap-specific code) and count
 * against the limiter's bootstrap class, so guessing codes locks the guesser out.
 */
function redeemLoginCode(
  code: string,
  role: Role,
  scopes: readonly string[],
  deps: HandshakeDeps,
  subject: LimiterSubject,
  now: number,
): { ok: true } | { ok: false; rejection: HandshakeRejection } {
  const locked = deps.limiter.lockedFor(subject.address, 'bootstrap-code', subject.exempt, now);
  if (locked > 0) return { ok: false, rejection: authFailure('AUTH_RATE_LIMITED', { retryAfterMs: locked }) };
  const grant = code === '' ? undefined : deps.loginCodes.redeem(code);
  if (grant && grant.role === role && scopesCovered(scopes, grant.scopes)) {
    deps.limiter.recordSuccess(subject.address, 'bootstrap-code');
    return { ok: true };
  }
  deps.limiter.recordFailure(subject.address, 'bootstrap-code', subject.exempt, now);
  return {
    ok: false,
    rejection: reject({
      code: ErrorCode.invalidRequest,
      message: LOGIN_CODE_REFUSED,
      details: {
        code: 'AUTH_UNAUTHORIZED',
        authReason: 'bootstrap_token_invalid',
        canRetryWithDeviceToken: false,
        recommendedNextStep: 'update_auth_credentials',
      },
    }),
  };
}

function requestedScopes(params: ConnectParams, role: Role): string[] {
  if (role === 'node') return [];
  const scopes = params.scopes ?? [];
  return scopes.length > 0 ? [...new Set(scopes)] : [...DEFAULT_OPERATOR_SCOPES];
}

function deviceIdentityRequired(): HandshakeRejection {
  return reject({
    code: ErrorCode.notPaired,
    message: 'device identity required',
    details: { code: 'DEVICE_IDENTITY_REQUIRED' },
  });
}

function sharedSecretFailure(
  kind: string,
  mode: string,
  canRetryWithDeviceToken: boolean,
  deps: HandshakeDeps,
  subject: LimiterSubject,
  now: number,
): HandshakeRejection {
  const password = mode === 'password';
  let code: AuthFailureCode;
  switch (kind) {
    case 'missing':
      code = password ? 'AUTH_PASSWORD_MISSING' : 'AUTH_TOKEN_MISSING';
      break;
    case 'mismatch':
      deps.limiter.recordFailure(subject.address, 'shared-secret', subject.exempt, now);
      code = password ? 'AUTH_PASSWORD_MISMATCH' : 'AUTH_TOKEN_MISMATCH';
      break;
    case 'not-configured':
      code = password ? 'AUTH_PASSWORD_NOT_CONFIGURED' : 'AUTH_TOKEN_NOT_CONFIGURED';
      break;
    default:
      code = 'AUTH_UNAUTHORIZED';
  }
  return authFailure(code, { canRetryWithDeviceToken });
}
