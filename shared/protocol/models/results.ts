import Type, { type Static } from 'typebox';

// Result of the models family (methods.json `models.list`). Open objects: see health/results.ts.

const NonEmpty = Type.String({ minLength: 1 });

/** A configured price in USD per million tokens (config.md `models.providers.*.models[].cost`). */
export const ModelCostSchema = Type.Object({
  input: Type.Number(),
  output: Type.Number(),
  cacheRead: Type.Number(),
  cacheWrite: Type.Number(),
});
export type ModelCost = Static<typeof ModelCostSchema>;

/** An input modality a model accepts (the reference's ModelChoice `input`). */
export const ModelInputSchema = Type.Union([
  Type.Literal('text'),
  Type.Literal('image'),
  Type.Literal('audio'),
  Type.Literal('video'),
  Type.Literal('document'),
]);
export type ModelInput = Static<typeof ModelInputSchema>;

/**
 * One model a client may pick (methods.json `models.list`: `{id, name, provider, contextWindow?,
 * reasoning?, input?}`). Gatehouse adds the configured `cost`. A model only a provider's server
 * reported (discovery) carries just `id`, `name` and `provider`. `contextWindow` is whatever the
 * config says, which need not be an integer.
 */
export const ModelChoiceSchema = Type.Object({
  id: NonEmpty,
  name: NonEmpty,
  provider: NonEmpty,
  contextWindow: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  reasoning: Type.Optional(Type.Boolean()),
  input: Type.Optional(Type.Array(ModelInputSchema)),
  cost: Type.Optional(ModelCostSchema),
});
export type ModelChoice = Static<typeof ModelChoiceSchema>;

/** How asking one provider's server for its models went (the reference's `providerOutcomes[]`). */
export const ModelProviderOutcomeSchema = Type.Object({
  provider: NonEmpty,
  status: Type.Union([Type.Literal('ready'), Type.Literal('auth-rejected'), Type.Literal('unavailable')]),
  profileId: Type.Optional(NonEmpty),
});
export type ModelProviderOutcome = Static<typeof ModelProviderOutcomeSchema>;

/**
 * The `models.list` result (methods.json `models.list`): configured models, the models agents run
 * with, and what discovery found. `providerOutcomes` is present only when a provider was asked.
 */
export const ModelsListResultSchema = Type.Object({
  models: Type.Array(ModelChoiceSchema),
  providerOutcomes: Type.Optional(Type.Array(ModelProviderOutcomeSchema)),
});
export type ModelsListResult = Static<typeof ModelsListResultSchema>;

/** Result schema of each models method, by method name. */
export const ModelsResults = {
  'models.list': ModelsListResultSchema,
} as const;
