/**
 * The operator connection's status as the UI shows it, and — when automatic reconnects stopped —
 * what the person has to do next (spec §20: pairing → approve this device, auth mismatch →
 * check the token, protocol mismatch → update).
 */
import { readConnectErrorDetailCode, readPairingConnectErrorDetails } from '@openclaw/gateway-protocol/connect-error-details';
import { approveCommand } from '../sign-in/sign-in-outcome.js';

export type OperatorNextStep =
  | { kind: 'approve-device'; message: string; requestId?: string }
  | { kind: 'check-token'; message: string }
  | { kind: 'update'; message: string }
  | { kind: 'wait'; message: string; retryAfterMs?: number }
  | { kind: 'reconnect'; message: string };

export type OperatorStatus =
  /** A socket is open or opening and the handshake is under way. */
  | { kind: 'connecting'; attempt: number }
  | { kind: 'connected'; protocol: number; serverVersion: string; bootId?: string; scopes: string[]; since: number }
  /** Automatic reconnects stopped; nothing happens until `reconnect()` (after the next step is done). */
  | { kind: 'paused'; nextStep: OperatorNextStep; detailCode: string | null; message: string; since: number }
  /** No socket. `willRetry`: the client's backoff (1 s ×2 up to 30 s) will try again by itself. */
  | { kind: 'disconnected'; willRetry: boolean; lastError?: string; since: number };

export type OperatorStatusKind = OperatorStatus['kind'];

/** The error a connect failed with, as far as the next step needs it. */
export interface ConnectFailure {
  message?: string;
  details?: unknown;
  retryAfterMs?: number;
}


export function nextStepFor(detailCode: string | null, failure?: ConnectFailure): OperatorNextStep {
  const code = detailCode ?? readConnectErrorDetailCode(failure?.details);
  switch (code) {
    case 'PAIRING_REQUIRED': {
      const requestId = readPairingConnectErrorDetails(failure?.details)?.requestId;
      const how = requestId ? `, for example with \`${approveCommand(requestId)}\`` : '';
      return {
        kind: 'approve-device',
        message: `Approve this device from an operator that is already paired${how}, then reconnect.`,
        ...(requestId ? { requestId } : {}),
      };
    }
    case 'AUTH_SCOPE_MISMATCH':
      return { kind: 'approve-device', message: 'This device is not approved for the access it asks for. Approve the scope upgrade from a paired operator, then reconnect.' };
    case 'AUTH_TOKEN_MISMATCH':
      return { kind: 'check-token', message: 'The gateway did not accept the token. Check it: `gatehouse gateway token` prints the gateway’s token.' };
    case 'AUTH_TOKEN_MISSING':
      return { kind: 'check-token', message: 'The gateway needs a token and none is set. `gatehouse gateway token` prints the gateway’s token.' };
    case 'AUTH_TOKEN_NOT_CONFIGURED':
      return { kind: 'check-token', message: 'The gateway has no token configured; set gateway.auth.token or GATEHOUSE_GATEWAY_TOKEN and restart it.' };
    case 'AUTH_PASSWORD_MISMATCH':
    case 'AUTH_PASSWORD_MISSING':
    case 'AUTH_PASSWORD_NOT_CONFIGURED':
      return { kind: 'check-token', message: 'The gateway uses a password, and the one Gatehouse has does not work. Check the password.' };
    case 'AUTH_DEVICE_TOKEN_MISMATCH':
      return { kind: 'check-token', message: 'This device’s token was revoked or rotated. Check the gateway token, then reconnect to pair again.' };
    case 'AUTH_RATE_LIMITED':
      return {
        kind: 'wait',
        message: 'Too many failed sign-ins from this address; the gateway is refusing for a while.',
        ...(failure?.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
      };
    case 'PROTOCOL_MISMATCH':
    case 'CLIENT_VERSION_MISMATCH':
      return { kind: 'update', message: 'Gatehouse and this gateway speak different protocol versions. Update Gatehouse or the gateway.' };
    default:
      return { kind: 'reconnect', message: failure?.message ? `The connection stopped: ${failure.message}.` : 'The connection stopped.' };
  }
}
