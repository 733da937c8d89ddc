import Type, { type Static } from 'typebox';

// Results of the usage family (methods.json `usage.status`, `usage.cost`). The spec describes both
// only in words, so the schemas describe what this gateway sends, all of it required. Open
// objects: see health/results.ts.

const Count = Type.Integer({ minimum: 0 });
/** A UTC calendar day, `YYYY-MM-DD`. */
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

/** Token counts as providers reported them; `totalTokens` is input plus output. */
const TokenCountFields = {
  inputTokens: Count,
  outputTokens: Count,
  cacheReadTokens: Count,
  cacheWriteTokens: Count,
  totalTokens: Count,
};

export const TokenCountsSchema = Type.Object(TokenCountFields);
export type TokenCounts = Static<typeof TokenCountsSchema>;

/** One model's all-time token counts in `usage.status`; `configured` when the config lists it. */
export const UsageModelStatusSchema = Type.Object({
  model: Type.String(),
  configured: Type.Boolean(),
  ...TokenCountFields,
});
export type UsageModelStatus = Static<typeof UsageModelStatusSchema>;

/** One provider in `usage.status`; `configured` when the config makes it usable. */
export const UsageProviderStatusSchema = Type.Object({
  provider: Type.String(),
  configured: Type.Boolean(),
  models: Type.Array(UsageModelStatusSchema),
});
export type UsageProviderStatus = Static<typeof UsageProviderStatusSchema>;

/**
 * The `usage.status` result (methods.json `usage.status`, "provider usage windows / remaining
 * quota summary"). Gatehouse knows no provider quotas: it reports the tokens used per provider and
 * model, today's (UTC) and all-time totals.
 */
export const UsageStatusResultSchema = Type.Object({
  ts: Type.Integer({ minimum: 0 }),
  providers: Type.Array(UsageProviderStatusSchema),
  today: Type.Object({ date: Day, ...TokenCountFields }),
  totals: TokenCountsSchema,
});
export type UsageStatusResult = Static<typeof UsageStatusResultSchema>;

/** Token counts plus their price in USD; `costUsd` is null when any part had no configured price. */
const CostedFields = {
  ...TokenCountFields,
  costUsd: Type.Union([Type.Number(), Type.Null()]),
};

export const CostedTokensSchema = Type.Object(CostedFields);
export type CostedTokens = Static<typeof CostedTokensSchema>;

/**
 * The `usage.cost` result (methods.json `usage.cost`, "aggregated cost summary for the date
 * range"): totals, every day of the range (oldest first), per model and per session (most tokens
 * first), and the `provider/model` refs that have no configured price.
 */
export const UsageCostResultSchema = Type.Object({
  startDate: Day,
  endDate: Day,
  currency: Type.Literal('USD'),
  totals: CostedTokensSchema,
  days: Type.Array(Type.Object({ date: Day, ...CostedFields })),
  byModel: Type.Array(Type.Object({ provider: Type.String(), model: Type.String(), priced: Type.Boolean(), ...CostedFields })),
  bySession: Type.Array(Type.Object({ sessionKey: Type.String(), ...CostedFields })),
  unpricedModels: Type.Array(Type.String()),
});
export type UsageCostResult = Static<typeof UsageCostResultSchema>;

/** Result schema of each usage method, by method name. */
export const UsageResults = {
  'usage.status': UsageStatusResultSchema,
  'usage.cost': UsageCostResultSchema,
} as const;
