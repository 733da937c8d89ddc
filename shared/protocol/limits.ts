import type { Role } from './scopes.js';

// The numbers of spec §0, in one place.
export const DEFAULT_PORT = 18789;
export const WS_PATHS = ['/', '/v1/connect'] as const;
export const PREAUTH_MAX_FRAME_BYTES = 65_536;
/** Spec §0's policy.maxPayload; nodes get it (camera and screen results travel in node.invoke.result). */
export const MAX_PAYLOAD_BYTES = 26_214_400;
/**
 * Operators' frames are requests; only chat.send/agent attachments make one large. An image may
 * be 6,000,000 bytes (ATTACHMENT_LIMITS.maxImageBytes), 8,000,000 in base64: 16 MiB carries two
 * full-size images with a message, or one beside the longest message (1,000,000 characters).
 * A frame at the limit costs about four times its size in memory while it is read and parsed
 * (buffered chunks, one contiguous copy, the decoded string, the parsed value).
 */
export const OPERATOR_MAX_PAYLOAD_BYTES = 16_777_216;

/** The inbound frame limit after hello-ok, which hello-ok advertises as policy.maxPayload. */
export function maxPayloadFor(role: Role): number {
  return role === 'node' ? MAX_PAYLOAD_BYTES : OPERATOR_MAX_PAYLOAD_BYTES;
}

/**
 * What one socket may make the WebSocket receiver hold before a frame is complete. Before
 * hello-ok anyone may connect: the frame cap is checked at the frame header (nothing is
 * buffered first), and a frame may not arrive as a drip of tiny TCP reads or fragments, each
 * of which costs a Buffer object. A connect frame is a few KB in one or two reads.
 */
export const PREAUTH_RECEIVER_LIMITS = { maxPayload: PREAUTH_MAX_FRAME_BYTES, maxBufferedChunks: 1_024, maxFragments: 64 } as const;
/** After hello-ok: 25 MiB in ~1.4 KB TCP segments is ~18,000 reads; no client we know fragments. */
export const POSTAUTH_RECEIVER_LIMITS = { maxBufferedChunks: 32_768, maxFragments: 4_096 } as const;

/**
 * JSON checked before JSON.parse (spec §1.2 frames are small objects). No method's params nest
 * this deep or hold this many values; a frame that does would cost the event loop and the heap
 * far more than its size (a 16 MiB `[{},{},…]` parses into ~5 million objects).
 */
export const INBOUND_JSON_LIMITS = { maxDepth: 128, maxValues: 250_000 } as const;
/**
 * Before hello-ok the only frame that matters is `connect`: even a node declaring hundreds of
 * commands is a few hundred values. More is refused unparsed, because a schema-invalid connect
 * costs ~4 µs per error to describe (a 64 KiB `"scopes":[0,0,…]` held the loop for ~130 ms).
 */
export const PREAUTH_JSON_LIMITS = { maxDepth: 32, maxValues: 1_024 } as const;
/** More malformed frames than this within the window closes the socket 1008. */
export const MALFORMED_FRAME_BUDGET = { frames: 10, windowMs: 60_000 } as const;
/**
 * Bytes of large inbound messages (≥ 64 KiB) the whole gateway reads at once; past it, sockets
 * starting another one are paused (gateway/core/server/inbound-byte-budget.ts). Two operator
 * frames at the limit, or one node frame; each costs ~4× its size while read and parsed. At
 * 64 MiB the hostile bench's RSS rose 77–102 MiB in four quiet runs, at 32 MiB 79 and 88 MiB with
 * two of the same seeds; a personal gateway rarely has two attachments in flight, and a third
 * only waits.
 * GATEHOUSE_INBOUND_BUDGET_BYTES overrides it (tests).
 */
export const INBOUND_BUDGET_BYTES = 33_554_432;
/**
 * A large inbound message (≥ 64 KiB) must arrive in full within this long once the gateway reads
 * it (time paused by the budget does not count), or its socket is closed 1008: a client that
 * declares a big frame and then trickles or stops holds budget this long at most. 16 MiB in 60 s
 * needs 2.3 Mbit/s, a 25 MiB node frame 3.5 Mbit/s. GATEHOUSE_LARGE_MESSAGE_DEADLINE_MS overrides it (tests).
 */
export const LARGE_MESSAGE_READ_DEADLINE_MS = 60_000;
/** A protocol close waits at most this long for answers already owed to the client. */
export const PROTOCOL_CLOSE_FLUSH_MS = 1_000;
export const MAX_BUFFERED_BYTES = 52_428_800;
export const TICK_INTERVAL_MS = 30_000;
export const HANDSHAKE_DEADLINE_MS = 15_000;
export const MAX_PENDING_HANDSHAKE_FRAMES = 15;
/**
 * A client that neither answers a ping nor sends anything for this long (up to twice it) is
 * dropped; not one the inbound budget paused. GATEHOUSE_PING_INTERVAL_MS overrides it (tests).
 */
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
