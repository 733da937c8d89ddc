import Type, { type Static } from 'typebox';
import { AgentsSchema } from './agents.js';
import { BrowserSchema } from './browser.js';
import { ChannelsSchema } from './channels.js';
import { CronSchema } from './cron.js';
import { GatewaySchema } from './gateway.js';
import { LoggingSchema } from './logging.js';
import { MessagesSchema } from './messages.js';
import { ModelsSchema } from './models.js';
import {
  AcceptedUnused,
  SECRET_PROVIDER_ALIAS_PATTERN,
  keyedRecord,
  oneOf,
  pathString,
  section,
  stringMap,
} from './primitives.js';
import { SessionSchema } from './session.js';
import { SkillsSchema } from './skills.js';
import { TalkSchema } from './talk.js';
import { ApprovalsSchema, CommandsSchema, ToolsSchema } from './tools.js';

/**
 * `env.vars` are literal values (§1.3). OpenClaw also takes inline string vars directly
 * under `env`; they mean the same, so they are accepted (as extra string keys).
 */
const EnvSchema = Type.Object(
  {
    vars: Type.Optional(stringMap(Type.String())),
    shellEnv: Type.Optional(AcceptedUnused),
  },
  { additionalProperties: Type.String() },
);

const FileSecretProviderSchema = section({
  source: Type.Literal('file'),
  path: pathString('JSON or single-value file holding secrets.'),
  mode: Type.Optional(oneOf(['json', 'singleValue'] as const)),
  timeoutMs: Type.Optional(Type.Integer({ exclusiveMinimum: 0, maximum: 120000 })),
  maxBytes: Type.Optional(Type.Integer({ exclusiveMinimum: 0, maximum: 20 * 1024 * 1024 })),
});

const EnvSecretProviderSchema = section({
  source: Type.Literal('env'),
  allowlist: Type.Optional(Type.Array(Type.String())),
});

// exec and store providers validate but always resolve unavailable (§1.4 MAY).
const ExecSecretProviderSchema = Type.Object({ source: Type.Literal('exec') }, { additionalProperties: true });
const StoreSecretProviderSchema = Type.Object({ source: Type.Literal('store') }, { additionalProperties: true });

const SecretsSchema = section({
  providers: Type.Optional(
    keyedRecord(
      SECRET_PROVIDER_ALIAS_PATTERN,
      Type.Union([EnvSecretProviderSchema, FileSecretProviderSchema, ExecSecretProviderSchema, StoreSecretProviderSchema]),
      'a provider alias: lowercase letters, digits, "_" or "-", starting with a letter (max 64)',
    ),
  ),
  defaults: Type.Optional(
    section({
      env: Type.Optional(Type.String()),
      file: Type.Optional(Type.String()),
      exec: Type.Optional(Type.String()),
      store: Type.Optional(Type.String()),
    }),
  ),
});

/** OpenClaw root keys Gatehouse tolerates without implementing (§1.2). */
export const IGNORED_ROOT_KEYS = [
  'wizard', 'diagnostics', 'update', 'telemetry', 'ui', 'auth', 'accessGroups', 'acp',
  'nodeHost', 'worktreeRoot', 'worktreeAcceleration', 'security', 'broadcast', 'attachments',
  'tts', 'transcripts', 'hooks', 'discovery', 'cloudWorkers', 'desktop',
  'memory', 'mcp', 'plugins', 'surfaces', 'proxy',
] as const;

export const GatehouseConfigSchema = section(
  {
    $schema: Type.Optional(Type.String()),
    meta: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Bookkeeping written by tools; ignored.' })),
    env: Type.Optional(EnvSchema),
    secrets: Type.Optional(SecretsSchema),
    gateway: Type.Optional(GatewaySchema),
    models: Type.Optional(ModelsSchema),
    agents: Type.Optional(AgentsSchema),
    session: Type.Optional(SessionSchema),
    tools: Type.Optional(ToolsSchema),
    approvals: Type.Optional(ApprovalsSchema),
    cron: Type.Optional(CronSchema),
    skills: Type.Optional(SkillsSchema),
    logging: Type.Optional(LoggingSchema),
    channels: Type.Optional(ChannelsSchema),
    commands: Type.Optional(CommandsSchema),
    messages: Type.Optional(MessagesSchema),
    talk: Type.Optional(TalkSchema),
    browser: Type.Optional(BrowserSchema),
    bindings: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'Routing rules; accepted.' })),
  },
  { ignored: IGNORED_ROOT_KEYS, description: 'Gatehouse configuration (the implemented subset of OpenClaw 2026.9).' },
);

export type GatehouseConfig = Static<typeof GatehouseConfigSchema>;

/** Ignored-key leaves that must load without a warning (§1.2: the bench file). */
export const SILENT_IGNORED_PATHS: ReadonlySet<string> = new Set([
  'discovery.mdns.mode',
  'update.checkOnStart',
  'models.catalogRefresh.enabled',
]);

