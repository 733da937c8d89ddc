// The numbers of spec §0, in one place.
export const DEFAULT_PORT = 18789;
export const WS_PATHS = ['/', '/v1/connect'] as const;
export const PREAUTH_MAX_FRAME_BYTES = 65_536;
export const MAX_PAYLOAD_BYTES = 26_214_400;
export const MAX_BUFFERED_BYTES = 52_428_800;
export const TICK_INTERVAL_MS = 30_000;
export const HANDSHAKE_DEADLINE_MS = 15_000;
export const MAX_PENDING_HANDSHAKE_FRAMES = 15;
export const PING_INTERVAL_MS = 25_000;
export const HEALTH_REFRESH_INTERVAL_MS = 60_000;
export const DEVICE_SIGNATURE_SKEW_MS = 120_000;
export const DEVICE_PAIRING_TTL_MS = 300_000;
export const IDEMPOTENCY_TTL_MS = 300_000;
export const IDEMPOTENCY_MAX_ENTRIES = 1_000;
export const IDEMPOTENCY_SWEEP_MS = 60_000;
export const PRESENCE_TTL_MS = 300_000;
export const PRESENCE_MAX_ENTRIES = 200;
export const MAX_CONSECUTIVE_UNAUTHORIZED_ROLE = 10;
export const CLOSE_REASON_MAX_BYTES = 123;
export const CONTROL_PLANE_WRITE_LIMIT = { calls: 30, windowMs: 60_000 } as const;
export const AUTH_LIMITER_DEFAULTS = {
  maxAttempts: 10,
  windowMs: 60_000,
  lockoutMs: 300_000,
  exemptLoopback: true,
} as const;
export const NODE_INVOKE_DEFAULT_TIMEOUT_MS = 30_000;
export const NODE_INVOKE_MAX_TIMEOUT_MS = 600_000;
