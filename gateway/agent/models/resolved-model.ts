export type ImplementedApi = 'openai-completions' | 'openai-responses' | 'anthropic-messages' | 'ollama';

export interface ModelCost {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** Everything needed to call one model, after config, built-ins and env are combined. */
export interface ResolvedModel {
  ref: string;
  providerId: string;
  modelId: string;
  name: string;
  api: ImplementedApi;
  baseUrl: string;
  apiKey?: string;
  headers: Record<string, string>;
  reasoning: boolean;
  input: string[];
  contextWindow: number;
  maxTokens: number;
  /** USD per million tokens; undefined when the config names no price (reported as unknown). */
  cost?: ModelCost;
  timeoutSeconds?: number;
}
