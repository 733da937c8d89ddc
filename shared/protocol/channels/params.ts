import { PROTOCOL4_IGNORED_KEYS } from '../protocol4-ignored-keys.js';
import Type from 'typebox';
import { compileParams } from '../validate.js';

// Params of channels.*, send, poll and web.login.* (methods.json; protocol-4 shapes from
// @openclaw/gateway-protocol; research note §3). Closed: unknown keys are refused; the protocol-4
// keys we do not use are accepted and dropped (PROTOCOL4_IGNORED_KEYS, with every family's).

const ChannelId = Type.String({ minLength: 1, maxLength: 64 });
const AccountId = Type.String({ minLength: 1, maxLength: 128 });
const Key = Type.String({ minLength: 1, maxLength: 200 });
/** A chat id, `@username` or prefixed id; each channel parses it (a malformed one is refused there). */
const Target = Type.String({ minLength: 1, maxLength: 256 });
/** A send longer than this is refused, not split into hundreds of chat messages. */
export const MAX_SEND_MESSAGE_CHARS = 32_000;
export const MAX_POLL_QUESTION_CHARS = 300;
export const MAX_POLL_OPTION_CHARS = 100;

/**
 * Protocol-4 keys of these methods this gateway does not use (to be merged into
 * shared/protocol/protocol4-ignored-keys.ts, which this family does not own).
 */

export const ChannelsStatusParams = compileParams(
  Type.Object({
    probe: Type.Optional(Type.Boolean()),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000 })),
    channel: Type.Optional(ChannelId),
  }),
);

const AccountRef = { channel: ChannelId, accountId: Type.Optional(Type.String({ maxLength: 128 })) };
export const ChannelsLogoutParams = compileParams(Type.Object(AccountRef));
export const ChannelsStartParams = compileParams(Type.Object(AccountRef));
export const ChannelsStopParams = compileParams(Type.Object(AccountRef));

export const ChannelsPairingListParams = compileParams(
  Type.Object({ channel: Type.Optional(ChannelId), accountId: Type.Optional(AccountId) }),
);
export const ChannelsPairingApproveParams = compileParams(
  Type.Object({ channel: ChannelId, accountId: AccountId, requestId: Key, notify: Type.Optional(Type.Boolean()) }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.ChannelsPairingApproveParams },
);
export const ChannelsPairingDismissParams = compileParams(Type.Object({ channel: ChannelId, accountId: AccountId, requestId: Key }));

export const SendParams = compileParams(
  Type.Object({
    to: Target,
    message: Type.Optional(Type.String({ maxLength: MAX_SEND_MESSAGE_CHARS })),
    mediaUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
    mediaUrls: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 2048 }), { maxItems: 10 })),
    gifPlayback: Type.Optional(Type.Boolean()),
    channel: Type.Optional(ChannelId),
    accountId: Type.Optional(AccountId),
    sessionKey: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    idempotencyKey: Key,
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.SendParams },
);

export const PollParams = compileParams(
  Type.Object({
    to: Target,
    question: Type.String({ minLength: 1, maxLength: MAX_POLL_QUESTION_CHARS }),
    options: Type.Array(Type.String({ minLength: 1, maxLength: MAX_POLL_OPTION_CHARS }), { minItems: 2, maxItems: 12 }),
    maxSelections: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
    durationHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 7 })),
    durationSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 604_800 })),
    channel: Type.Optional(ChannelId),
    accountId: Type.Optional(AccountId),
    idempotencyKey: Key,
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.PollParams },
);

// Research note §0.6: no channel/sessionKey on the real web.login.*; methods.json lists them, so
// they are accepted too (and answered the same way).
export const WebLoginStartParams = compileParams(
  Type.Object({
    force: Type.Optional(Type.Boolean()),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 0 })),
    verbose: Type.Optional(Type.Boolean()),
    accountId: Type.Optional(Type.String({ maxLength: 128 })),
    channel: Type.Optional(ChannelId),
  }),
);
export const WebLoginWaitParams = compileParams(
  Type.Object({
    timeoutMs: Type.Optional(Type.Integer({ minimum: 0 })),
    accountId: Type.Optional(Type.String({ maxLength: 128 })),
    channel: Type.Optional(ChannelId),
    sessionKey: Type.Optional(Type.String({ maxLength: 500 })),
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.WebLoginWaitParams },
);
