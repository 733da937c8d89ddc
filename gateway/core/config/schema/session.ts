import Type from 'typebox';
import { PositiveInteger, StringList, oneOf, section, stringMap } from './primitives.js';

// config.md §4.5.

const SessionResetSchema = section({
  mode: Type.Optional(oneOf(['none', 'daily', 'idle'] as const)),
  atHour: Type.Optional(Type.Integer({ minimum: 0, maximum: 23 })),
  idleMinutes: Type.Optional(PositiveInteger),
});

export const SessionSchema = section(
  {
    scope: Type.Optional(oneOf(['per-sender', 'global'] as const)),
    dmScope: Type.Optional(oneOf(['main', 'per-peer', 'per-channel-peer', 'per-account-channel-peer'] as const)),
    groupScope: Type.Optional(oneOf(['per-group', 'main'] as const)),
    mainKey: Type.Optional(Type.String({ description: 'Accepted, ignored: the main session suffix is always "main".' })),
    identityLinks: Type.Optional(stringMap(StringList)),
    reset: Type.Optional(SessionResetSchema),
    resetByType: Type.Optional(
      section({
        direct: Type.Optional(SessionResetSchema),
        group: Type.Optional(SessionResetSchema),
        thread: Type.Optional(SessionResetSchema),
      }),
    ),
    resetByChannel: Type.Optional(stringMap(SessionResetSchema)),
    resetTriggers: Type.Optional(StringList),
  },
  {
    ignored: [
      'transcriptRetentionDays', 'maxRecentTurns', 'idleMinutes', 'store', 'typingIntervalSeconds',
      'typingMode', 'parentForkMaxTokens', 'sendPolicy', 'agentToAgent', 'threadBindings', 'maintenance',
    ],
  },
);
