import Type from 'typebox';
import { NonNegativeInteger, RetentionDuration, StringList, oneOf, section, secretInput } from './primitives.js';

// config.md §6.1. Jobs live in the gateway's store, not here.

export const CronSchema = section(
  {
    enabled: Type.Optional(Type.Boolean()),
    skipMissedJobs: Type.Optional(Type.Boolean()),
    triggers: Type.Optional(section({ enabled: Type.Optional(Type.Boolean()) })),
    webhookToken: Type.Optional(secretInput('Bearer token for webhook delivery.')),
    webhookSsrfPolicy: Type.Optional(
      section({
        allowedHostnames: Type.Optional(StringList),
        blockedHostnames: Type.Optional(StringList),
        dangerouslyAllowPrivateNetwork: Type.Optional(Type.Boolean()),
      }),
    ),
    sessionRetention: Type.Optional(Type.Union([RetentionDuration, Type.Literal(false)])),
    failureAlert: Type.Optional(
      section({
        enabled: Type.Optional(Type.Boolean()),
        after: Type.Optional(Type.Integer({ minimum: 1 })),
        cooldownMs: Type.Optional(NonNegativeInteger),
        includeSkipped: Type.Optional(Type.Boolean()),
        mode: Type.Optional(oneOf(['announce', 'webhook'] as const)),
        channel: Type.Optional(Type.String()),
        to: Type.Optional(Type.String()),
        accountId: Type.Optional(Type.String()),
      }),
    ),
  },
  { ignored: ['maxConcurrentRuns', 'retry', 'webhook', 'runLog', 'failureDestination'] },
);
