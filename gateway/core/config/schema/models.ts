import Type from 'typebox';
import {
  AcceptedUnused,
  NonEmptyString,
  PositiveInteger,
  PositiveNumber,
  oneOf,
  section,
  secretInput,
  stringMap,
} from './primitives.js';

// config.md §3.

/** OpenClaw's exact list; Gatehouse implements the first four marked below (§3.1). */
export const MODEL_APIS = [
  'openai-completions',
  'openai-responses',
  'openai-chatgpt-responses',
  'anthropic-messages',
  'google-generative-ai',
  'google-vertex',
  'github-copilot',
  'bedrock-converse-stream',
  'ollama',
  'pi-messages',
  'azure-openai-responses',
] as const;

export const IMPLEMENTED_MODEL_APIS: ReadonlySet<string> = new Set([
  'openai-completions',
  'openai-responses',
  'anthropic-messages',
  'ollama',
]);

export const BUILT_IN_PROVIDERS: ReadonlySet<string> = new Set(['anthropic', 'openai', 'ollama']);

const ModelCostSchema = section({
  input: Type.Optional(Type.Number()),
  output: Type.Optional(Type.Number()),
  cacheRead: Type.Optional(Type.Number()),
  cacheWrite: Type.Optional(Type.Number()),
  tieredPricing: Type.Optional(AcceptedUnused),
});

export const ModelEntrySchema = section({
  id: NonEmptyString,
  name: NonEmptyString,
  reasoning: Type.Optional(Type.Boolean()),
  input: Type.Optional(Type.Array(oneOf(['text', 'image', 'video', 'audio'] as const))),
  cost: Type.Optional(ModelCostSchema),
  contextWindow: Type.Optional(PositiveNumber),
  contextTokens: Type.Optional(PositiveInteger),
  maxTokens: Type.Optional(PositiveNumber),
  api: Type.Optional(oneOf(MODEL_APIS)),
  baseUrl: Type.Optional(Type.String()),
  headers: Type.Optional(stringMap(secretInput())),
  compat: Type.Optional(AcceptedUnused),
  params: Type.Optional(AcceptedUnused),
});

export const ModelProviderSchema = section({
  baseUrl: Type.Optional(NonEmptyString),
  apiKey: Type.Optional(secretInput('API key; built-ins fall back to ANTHROPIC_API_KEY / OPENAI_API_KEY / OLLAMA_API_KEY.')),
  api: Type.Optional(oneOf(MODEL_APIS)),
  auth: Type.Optional(oneOf(['api-key', 'token', 'oauth', 'aws-sdk'] as const)),
  headers: Type.Optional(stringMap(secretInput())),
  authHeader: Type.Optional(Type.Boolean()),
  timeoutSeconds: Type.Optional(PositiveInteger),
  maxTokens: Type.Optional(PositiveNumber),
  models: Type.Optional(Type.Array(ModelEntrySchema)),
  params: Type.Optional(AcceptedUnused),
  request: Type.Optional(AcceptedUnused),
  localService: Type.Optional(AcceptedUnused),
  agentRuntime: Type.Optional(AcceptedUnused),
  region: Type.Optional(AcceptedUnused),
  injectNumCtxForOpenAICompat: Type.Optional(AcceptedUnused),
});

export const ModelsSchema = section(
  {
    mode: Type.Optional(oneOf(['merge', 'replace'] as const)),
    providers: Type.Optional(stringMap(ModelProviderSchema)),
  },
  { ignored: ['catalogRefresh', 'bedrockDiscovery'] },
);
