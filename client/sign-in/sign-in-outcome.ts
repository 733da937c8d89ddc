/**
 * What a refused browser connect means for the person at the Control UI (protocol §5.3 detail
 * codes), and what happens next: wait for an operator to approve this browser (and retry by
 * itself), ask for a new dashboard link, sign in again, or say why it stopped.
 */
import { readConnectErrorDetailCode, readPairingConnectErrorDetails } from '@openclaw/gateway-protocol/connect-error-details';

/** The CLI command that approves a waiting device (gateway/cli: `gateway call`). */
export function approveCommand(requestId: string): string {
  return `gatehouse gateway call device.pair.approve --params '{"requestId":"${requestId}"}'`;
}

export const NEW_LINK_COMMAND = 'gatehouse dashboard';

export type SignInOutcome =
  /** Paired elsewhere first: keep retrying with back-off until an operator approves. */
  | { kind: 'awaiting-approval'; requestId?: string }
  /** The one-time login code was refused (used, expired or unknown): a new link is needed. */
  | { kind: 'code-refused'; message: string }
  /** The stored device token no longer works: forget it and sign in again. */
  | { kind: 'device-token-refused'; message: string }
  /** The pasted token or password was refused, or none was given: show the sign-in form. */
  | { kind: 'credentials-refused'; message: string }
  /** Retry after a wait (rate limit, gateway starting). */
  | { kind: 'retry'; message: string; retryAfterMs?: number }
  /** Nothing this page can fix by itself (protocol, origin, device proof): say why. */
  | { kind: 'stopped'; message: string };

export interface ConnectRefusal {
  message: string;
  details?: unknown;
  retryAfterMs?: number;
  /** What this attempt signed in with. */
  usedLoginCode: boolean;
  usedDeviceToken: boolean;
}

export function signInOutcome(refusal: ConnectRefusal): SignInOutcome {
  const code = readConnectErrorDetailCode(refusal.details);
  switch (code) {
    case 'PAIRING_REQUIRED':
    case 'AUTH_SCOPE_MISMATCH': {
      const requestId = readPairingConnectErrorDetails(refusal.details)?.requestId;
      return { kind: 'awaiting-approval', ...(requestId ? { requestId } : {}) };
    }
    case 'AUTH_BOOTSTRAP_TOKEN_INVALID':
      return { kind: 'code-refused', message: 'This sign-in link was already used or has expired.' };
    case 'AUTH_DEVICE_TOKEN_MISMATCH':
      return { kind: 'device-token-refused', message: 'This browser’s sign-in was revoked or replaced. Sign in again.' };
    case 'AUTH_TOKEN_MISMATCH':
    case 'AUTH_PASSWORD_MISMATCH':
      if (refusal.usedLoginCode) return { kind: 'code-refused', message: 'The gateway did not accept this sign-in link.' };
      if (refusal.usedDeviceToken) return { kind: 'device-token-refused', message: 'This browser’s sign-in is no longer valid. Sign in again.' };
      return { kind: 'credentials-refused', message: 'The gateway did not accept that token. `gatehouse gateway token` prints the right one.' };
    case 'AUTH_TOKEN_MISSING':
    case 'AUTH_PASSWORD_MISSING':
    case 'AUTH_REQUIRED':
    case 'AUTH_UNAUTHORIZED':
      if (refusal.usedLoginCode) return { kind: 'code-refused', message: 'The gateway did not accept this sign-in link.' };
      return { kind: 'credentials-refused', message: 'Sign in with a link from `gatehouse dashboard` or the gateway token.' };
    case 'AUTH_RATE_LIMITED':
      return {
        kind: 'retry',
        message: 'Too many failed sign-ins from this address; the gateway is refusing for a while.',
        ...(refusal.retryAfterMs === undefined ? {} : { retryAfterMs: refusal.retryAfterMs }),
      };
    case 'CONTROL_UI_ORIGIN_NOT_ALLOWED':
      return { kind: 'stopped', message: `The gateway does not accept this page’s address (${refusal.message}). Add it to gateway.controlUi.allowedOrigins.` };
    case 'PROTOCOL_MISMATCH':
    case 'CLIENT_VERSION_MISMATCH':
      return { kind: 'stopped', message: 'This page and the gateway speak different protocol versions. Reload the page; if that does not help, update the gateway.' };
    default:
      if (refusal.usedLoginCode && code === null && /bootstrap|login code/i.test(refusal.message)) {
        return { kind: 'code-refused', message: 'This sign-in link was already used or has expired.' };
      }
      return { kind: 'stopped', message: `The gateway refused the connection: ${refusal.message}` };
  }
}
