/**
 * The requests the renderer may send, as schemas. The renderer is untrusted input: every
 * request is checked here before a handler looks at it, with limits that keep a hostile page
 * from handing main (or the gateway) anything oversized or oddly shaped.
 */
import Type, { type Static, type TSchema } from 'typebox';
import { openableWindowKinds } from '../../shared/ipc/window-kinds.js';
import { SKILL_KEY_PATTERN } from '../../shared/protocol/skills/params.js';
import { compileSchema, type CompiledSchema } from '../../shared/protocol/validate.js';

const Id = Type.String({ minLength: 1, maxLength: 200 });
/** No control characters: a session key ends up in file names, logs and protocol frames. */
const SessionKey = Type.String({ minLength: 1, maxLength: 500, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });
const ModelRef = Type.String({ minLength: 1, maxLength: 300, pattern: '^[^\\s]+$' });
const Secret = Type.String({ minLength: 1, maxLength: 8_192, pattern: '^[^\\s]+$' });

/** A channel id (`telegram`) or account id as the gateway names them: no spaces or control characters. */
const ChannelName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
const AccountName = Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\s\\u0000-\\u001f\\u007f]+$' });
const AccountRef = Type.Object({ channel: ChannelName, accountId: AccountName }, { additionalProperties: false });
const SenderRequest = Type.Object(
  { channel: ChannelName, accountId: AccountName, requestId: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);

/** A skill's key, name or installer id as the gateway spells them: no paths. */
const SkillKey = Type.String({ minLength: 1, maxLength: 128, pattern: SKILL_KEY_PATTERN });

const JobId = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });
const ScheduledJobInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    schedule: Type.Union([
      Type.Object(
        {
          kind: Type.Literal('cron'),
          expr: Type.String({ minLength: 1, maxLength: 200 }),
          /** An IANA zone name such as `Europe/Berlin` or `UTC`; the gateway checks it exists. */
          tz: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_+\\-/]+$' }),
        },
        { additionalProperties: false },
      ),
      // At least a second (the gateway's floor), at most a year.
      Type.Object({ kind: Type.Literal('every'), everyMs: Type.Integer({ minimum: 1_000, maximum: 31_622_400_000 }) }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('at'), atMs: Type.Integer({ minimum: 0, maximum: 253_402_300_799_000 }) }, { additionalProperties: false }),
    ]),
    payload: Type.Object(
      { kind: Type.Union([Type.Literal('systemEvent'), Type.Literal('agentTurn')]), text: Type.String({ minLength: 1, maxLength: 50_000 }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const requestSchemas = {
  'approvals:resolve': compileSchema(
    Type.Object(
      { id: Id, decision: Type.Union([Type.Literal('allow-once'), Type.Literal('allow-always'), Type.Literal('deny')]) },
      { additionalProperties: false },
    ),
  ),
  'pairing:approve': compileSchema(
    Type.Object({ kind: Type.Union([Type.Literal('device'), Type.Literal('node')]), requestId: Id }, { additionalProperties: false }),
  ),
  'pairing:reject': compileSchema(
    Type.Object({ kind: Type.Union([Type.Literal('device'), Type.Literal('node')]), requestId: Id }, { additionalProperties: false }),
  ),
  'pairing:approveSender': compileSchema(SenderRequest),
  'pairing:dismissSender': compileSchema(SenderRequest),
  'channels:setToken': compileSchema(
    Type.Object(
      {
        channel: Type.Union([Type.Literal('telegram'), Type.Literal('discord')]),
        accountId: Type.Optional(AccountName),
        // A bot token is one printable word: Telegram's `123456:ABC-…`, Discord's three dotted parts.
        token: Type.String({ minLength: 20, maxLength: 512, pattern: '^[\\x21-\\x7e]+$' }),
      },
      { additionalProperties: false },
    ),
  ),
  'channels:start': compileSchema(AccountRef),
  'channels:stop': compileSchema(AccountRef),
  'channels:logout': compileSchema(AccountRef),
  'chat:history': compileSchema(Type.Object({ sessionKey: SessionKey }, { additionalProperties: false })),
  'chat:send': compileSchema(
    Type.Object({ sessionKey: SessionKey, text: Type.String({ minLength: 1, maxLength: 200_000 }) }, { additionalProperties: false }),
  ),
  'chat:abort': compileSchema(Type.Object({ sessionKey: SessionKey }, { additionalProperties: false })),
  'chat:setModel': compileSchema(Type.Object({ sessionKey: SessionKey, model: ModelRef }, { additionalProperties: false })),
  'settings:update': compileSchema(
    Type.Object(
      {
        gatewayMode: Type.Optional(Type.Union([Type.Literal('local'), Type.Literal('remote')])),
        remoteUrl: Type.Optional(Type.String({ maxLength: 2_048 })),
        remoteToken: Type.Optional(Secret),
        port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65_535 })),
        bind: Type.Optional(Type.Union([Type.Literal('loopback'), Type.Literal('lan'), Type.Literal('tailnet')])),
        notifications: Type.Optional(Type.Boolean()),
        launchAtLogin: Type.Optional(Type.Boolean()),
        quitBehavior: Type.Optional(Type.Union([Type.Literal('ask'), Type.Literal('stop-gateway'), Type.Literal('leave-running')])),
        onboardingDone: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
  ),
  'settings:setProvider': compileSchema(
    Type.Object(
      {
        provider: Type.Union([Type.Literal('anthropic'), Type.Literal('openai'), Type.Literal('openai-compatible')]),
        /** A model id as the provider names it, e.g. `claude-sonnet-4-5` or `llama3.1:8b`. */
        model: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\s/]+(/[^\\s/]+)*$' }),
        apiKey: Type.Optional(Secret),
        baseUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 2_048 })),
      },
      { additionalProperties: false },
    ),
  ),
  'skills:setEnabled': compileSchema(Type.Object({ skillKey: SkillKey, enabled: Type.Boolean() }, { additionalProperties: false })),
  'skills:install': compileSchema(Type.Object({ name: SkillKey, installId: SkillKey }, { additionalProperties: false })),
  'scheduled:runs': compileSchema(Type.Object({ jobId: JobId }, { additionalProperties: false })),
  'scheduled:add': compileSchema(ScheduledJobInput),
  'scheduled:update': compileSchema(Type.Object({ jobId: JobId, job: ScheduledJobInput }, { additionalProperties: false })),
  'scheduled:setEnabled': compileSchema(Type.Object({ jobId: JobId, enabled: Type.Boolean() }, { additionalProperties: false })),
  'scheduled:runNow': compileSchema(Type.Object({ jobId: JobId }, { additionalProperties: false })),
  'scheduled:remove': compileSchema(Type.Object({ jobId: JobId }, { additionalProperties: false })),
  'window:open': compileSchema(
    Type.Object(
      { view: Type.Union(openableWindowKinds.map((view) => Type.Literal(view))) },
      { additionalProperties: false },
    ),
  ),
} satisfies Record<string, CompiledSchema<TSchema>>;

export type CheckedRequestChannel = keyof typeof requestSchemas;
export type CheckedRequest<C extends CheckedRequestChannel> = Static<(typeof requestSchemas)[C]['schema']>;

/** A request that failed its schema; the message says which field and why, never echoes a value. */
export class BadRequestError extends Error {
  constructor(channel: string, problem: string) {
    super(`${channel}: bad request: ${problem}`);
    this.name = 'BadRequestError';
  }
}

export function parseRequest<C extends CheckedRequestChannel>(channel: C, request: unknown): CheckedRequest<C> {
  const schema = requestSchemas[channel];
  if (!schema.check(request)) throw new BadRequestError(channel, schema.firstError(request) ?? 'invalid request');
  return request as CheckedRequest<C>;
}
