import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { ErrorCode, type ErrorShape } from '../../../shared/protocol/error-codes.js';

/** A rejected connect: the error response and the close that follows it. */
export interface HandshakeRejection {
  error: ErrorShape;
  closeCode: number;
  closeReason: string;
}

export function reject(error: ErrorShape, closeCode: number = CloseCode.policyViolation, closeReason?: string): HandshakeRejection {
  return { error, closeCode, closeReason: closeReason ?? error.message };
}

export type AuthFailureCode =
  | 'AUTH_TOKEN_MISSING'
  | 'AUTH_TOKEN_MISMATCH'
  | 'AUTH_TOKEN_NOT_CONFIGURED'
  | 'AUTH_PASSWORD_MISSING'
  | 'AUTH_PASSWORD_MISMATCH'
  | 'AUTH_PASSWORD_NOT_CONFIGURED'
  | 'AUTH_DEVICE_TOKEN_MISMATCH'
  | 'AUTH_SCOPE_MISMATCH'
  | 'AUTH_RATE_LIMITED'
  | 'AUTH_UNAUTHORIZED';

const TOKEN_HINT = 'run `gatehouse gateway token` on the gateway host to print it';

const AUTH_FAILURES: Record<AuthFailureCode, { message: string; authReason: string; next: string }> = {
  AUTH_TOKEN_MISSING: {
    message: `unauthorized: gateway token missing (send the gateway token as auth.token; ${TOKEN_HINT})`,
    authReason: 'token_missing',
    next: 'update_auth_configuration',
  },
  AUTH_TOKEN_MISMATCH: {
    message: `unauthorized: gateway token mismatch (${TOKEN_HINT})`,
    authReason: 'token_mismatch',
    next: 'update_auth_credentials',
  },
  AUTH_TOKEN_NOT_CONFIGURED: {
    message: 'unauthorized: gateway token not configured on gateway (set gateway.auth.token or GATEHOUSE_GATEWAY_TOKEN)',
    authReason: 'token_not_configured',
    next: 'review_auth_configuration',
  },
  AUTH_PASSWORD_MISSING: {
    message: 'unauthorized: gateway password missing (send the gateway password as auth.password)',
    authReason: 'password_missing',
    next: 'update_auth_configuration',
  },
  AUTH_PASSWORD_MISMATCH: {
    message: 'unauthorized: gateway password mismatch (check the password configured in gateway.auth.password)',
    authReason: 'password_mismatch',
    next: 'update_auth_credentials',
  },
  AUTH_PASSWORD_NOT_CONFIGURED: {
    message: 'unauthorized: gateway password not configured on gateway (set gateway.auth.password or GATEHOUSE_GATEWAY_PASSWORD)',
    authReason: 'password_not_configured',
    next: 'review_auth_configuration',
  },
  AUTH_DEVICE_TOKEN_MISMATCH: {
    message: 'unauthorized: device token mismatch (rotate/reissue device token)',
    authReason: 'device_token_mismatch',
    next: 'update_auth_credentials',
  },
  AUTH_SCOPE_MISMATCH: {
    message: 'unauthorized: device token scope mismatch (re-pair or approve scope upgrade)',
    authReason: 'scope_mismatch',
    next: 'update_auth_credentials',
  },
  AUTH_RATE_LIMITED: {
    message: 'unauthorized: too many failed authentication attempts (retry later)',
    authReason: 'rate_limited',
    next: 'wait_then_retry',
  },
  AUTH_UNAUTHORIZED: {
    message: 'unauthorized',
    authReason: 'unauthorized',
    next: 'review_auth_configuration',
  },
};

export function authFailure(
  code: AuthFailureCode,
  options: { canRetryWithDeviceToken?: boolean; retryAfterMs?: number } = {},
): HandshakeRejection {
  const failure = AUTH_FAILURES[code];
  const error: ErrorShape = {
    code: ErrorCode.invalidRequest,
    message: failure.message,
    details: {
      code,
      authReason: failure.authReason,
      canRetryWithDeviceToken: options.canRetryWithDeviceToken ?? false,
      recommendedNextStep: options.canRetryWithDeviceToken ? 'retry_with_device_token' : failure.next,
    },
  };
  if (options.retryAfterMs !== undefined) {
    error.retryable = true;
    error.retryAfterMs = Math.ceil(options.retryAfterMs);
  }
  return reject(error);
}
