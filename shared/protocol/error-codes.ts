import Type, { type Static } from 'typebox';

// Spec §5.2.
export const ErrorCode = {
  invalidRequest: 'INVALID_REQUEST',
  unavailable: 'UNAVAILABLE',
  notPaired: 'NOT_PAIRED',
  notLinked: 'NOT_LINKED',
  agentTimeout: 'AGENT_TIMEOUT',
  forbidden: 'FORBIDDEN',
  approvalNotFound: 'APPROVAL_NOT_FOUND',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ErrorShapeSchema = Type.Object({
  code: Type.String({ minLength: 1 }),
  message: Type.String({ minLength: 1 }),
  details: Type.Optional(Type.Unknown()),
  retryable: Type.Optional(Type.Boolean()),
  retryAfterMs: Type.Optional(Type.Integer({ minimum: 0 })),
});

export type ErrorShape = Static<typeof ErrorShapeSchema>;

export interface GatewayErrorOptions {
  details?: unknown;
  retryable?: boolean;
  retryAfterMs?: number;
}

/** An error a handler throws to answer its request with a protocol error frame. */
export class GatewayError extends Error {
  readonly code: string;
  readonly details: unknown;
  readonly retryable: boolean | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, options: GatewayErrorOptions = {}) {
    super(message);
    this.name = 'GatewayError';
    this.code = code;
    this.details = options.details;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }

  toShape(): ErrorShape {
    const shape: ErrorShape = { code: this.code, message: this.message || this.code };
    if (this.details !== undefined) shape.details = this.details;
    if (this.retryable !== undefined) shape.retryable = this.retryable;
    if (this.retryAfterMs !== undefined) shape.retryAfterMs = Math.max(0, Math.round(this.retryAfterMs));
    return shape;
  }
}

export function invalidRequest(message: string, details?: unknown): GatewayError {
  return new GatewayError(ErrorCode.invalidRequest, message, details === undefined ? {} : { details });
}

export function unavailable(message: string, options: GatewayErrorOptions = {}): GatewayError {
  return new GatewayError(ErrorCode.unavailable, message, { retryable: true, ...options });
}

/** Anything a handler throws becomes an ErrorShape; unexpected errors are UNAVAILABLE (spec §5.4). */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof GatewayError) return error.toShape();
  const message = error instanceof Error && error.message ? error.message : 'internal error';
  return { code: ErrorCode.unavailable, message, retryable: true };
}
