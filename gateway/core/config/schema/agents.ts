import Type from 'typebox';
import {
  AcceptedUnused,
  Annotation,
  HeartbeatDuration,
  NonNegativeInteger,
  PositiveInteger,
  StringList,
  keyedRecord,
  oneOf,
  pathString,
  section,
  stringMap,
} from './primitives.js';
import { ToolsExecSchema } from './tools.js';

// config.md §4.1–4.4.

export const THINKING_LEVELS = ['off', 'minimal', 'low', 'medium', 'high', 'xhigh', 'adaptive', 'max', 'ultra'] as const;
export const AGENT_ID_PATTERN = '^[a-zA-Z0-9_][a-zA-Z0-9_-]{0,63}$';

const ClockTime = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  [Annotation.formatHint]: 'a time "HH:MM" from 00:00 to 23:59',
});
const ClockTimeOrMidnight = Type.String({
  pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$',
  [Annotation.formatHint]: 'a time "HH:MM" from 00:00 to 24:00',
});

const heartbeatProperties = {
  every: Type.Optional(HeartbeatDuration),
  activeHours: Type.Optional(
    section({
      start: Type.Optional(ClockTime),
      end: Type.Optional(ClockTimeOrMidnight),
      timezone: Type.Optional(Type.String()),
    }),
  ),
  model: Type.Optional(Type.String()),
  session: Type.Optional(Type.String()),
  target: Type.Optional(Type.String({ minLength: 1, description: '"owner", "last", "none" or a channel id.' })),
  to: Type.Optional(Type.String()),
  accountId: Type.Optional(Type.String()),
  directPolicy: Type.Optional(oneOf(['allow', 'block'] as const)),
  prompt: Type.Optional(Type.String()),
  timeoutSeconds: Type.Optional(PositiveInteger),
  lightContext: Type.Optional(Type.Boolean()),
  isolatedSession: Type.Optional(Type.Boolean()),
};

export const AgentHeartbeatSchema = section(heartbeatProperties);
const DefaultsHeartbeatSchema = section({ ...heartbeatProperties, agentId: Type.Optional(Type.String()) });

/** A string is the primary model only; the object form opts into fallbacks. */
export const AgentModelSchema = Type.Union([
  Type.String({ minLength: 1 }),
  section({ primary: Type.Optional(Type.String({ minLength: 1 })), fallbacks: Type.Optional(StringList) }),
]);

const ModelAliasesSchema = stringMap(
  section({
    alias: Type.Optional(Type.String()),
    params: Type.Optional(AcceptedUnused),
    streaming: Type.Optional(Type.Boolean()),
  }),
);

const perAgentProperties = {
  thinkingDefault: Type.Optional(oneOf(THINKING_LEVELS)),
  reasoningDefault: Type.Optional(oneOf(['off', 'on', 'stream'] as const)),
  verboseDefault: Type.Optional(oneOf(['off', 'on', 'full'] as const)),
  models: Type.Optional(ModelAliasesSchema),
};

export const AgentDefaultsSchema = section(
  {
    model: Type.Optional(AgentModelSchema),
    workspace: Type.Optional(pathString('Default agent workspace; else GATEHOUSE_WORKSPACE_DIR, else <stateDir>/workspace.')),
    cwd: Type.Optional(pathString()),
    timeoutSeconds: Type.Optional(NonNegativeInteger),
    maxConcurrent: Type.Optional(PositiveInteger),
    heartbeat: Type.Optional(DefaultsHeartbeatSchema),
    systemAgent: Type.Optional(section({ agentId: Type.Optional(Type.String()) })),
    ...perAgentProperties,
  },
  {
    ignored: [
      'imageModel', 'imageGenerationModel', 'pdfModel', 'pdfMaxBytesMb', 'pdfMaxPages', 'utilityModel',
      'repoRoot', 'skipBootstrap', 'bootstrapMaxChars', 'bootstrapTotalMaxChars',
      'bootstrapPromptTruncationWarning', 'userTimezone', 'timeFormat', 'envelopeTimezone',
      'envelopeTimestamp', 'envelopeElapsed', 'contextTokens', 'cliBackends', 'memorySearch',
      'contextPruning', 'compaction', 'embeddedPi', 'elevatedDefault', 'blockStreamingDefault',
      'blockStreamingBreak', 'blockStreamingChunk', 'blockStreamingCoalesce', 'humanDelay',
      'mediaMaxMb', 'imageMaxDimensionPx', 'typingIntervalSeconds', 'typingMode', 'subagents',
      'additionalSystemPrompt', 'sandbox', 'skills',
    ],
  },
);

const AgentToolsSchema = section(
  { exec: Type.Optional(ToolsExecSchema) },
  { ignored: ['profile', 'allow', 'alsoAllow', 'deny', 'byProvider', 'elevated', 'fs', 'sandbox', 'web', 'message'] },
);

export const AgentEntrySchema = section(
  {
    name: Type.Optional(Type.String()),
    workspace: Type.Optional(pathString()),
    cwd: Type.Optional(pathString()),
    agentDir: Type.Optional(pathString()),
    model: Type.Optional(AgentModelSchema),
    identity: Type.Optional(
      section({
        name: Type.Optional(Type.String()),
        emoji: Type.Optional(Type.String()),
        avatar: Type.Optional(Type.String()),
        theme: Type.Optional(Type.String()),
      }),
    ),
    heartbeat: Type.Optional(AgentHeartbeatSchema),
    tools: Type.Optional(AgentToolsSchema),
    default: Type.Optional(Type.Boolean({ description: 'Retired default-agent marker; at most one entry.' })),
    ...perAgentProperties,
  },
  {
    ignored: [
      'skills', 'memorySearch', 'humanDelay', 'typingMode', 'tts', 'skillsLimits', 'contextLimits',
      'contextTokens', 'groupChat', 'subagents', 'embeddedAgent', 'sandbox', 'params', 'runtime',
    ],
  },
);

export const AgentsSchema = section({
  defaults: Type.Optional(AgentDefaultsSchema),
  entries: Type.Optional(
    keyedRecord(AGENT_ID_PATTERN, AgentEntrySchema, 'an agent id: 1–64 letters, digits, "_" or "-", not starting with "-"'),
  ),
  ownership: Type.Optional(oneOf(['explicit'] as const)),
});
