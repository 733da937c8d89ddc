import type { ModelCost } from '../../agent/models/resolved-model.js';
import type { UsageGroup } from '../../agent/store/usage-repository.js';
import { daysOf, type DayRange } from './cost-range.js';

export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  totalTokens: number;
}

/** Tokens plus their price in USD; null when any part came from a model without a configured price. */
export interface CostedTokens extends TokenCounts {
  costUsd: number | null;
}

export interface CostReport {
  startDate: string;
  endDate: string;
  currency: 'USD';
  totals: CostedTokens;
  days: (CostedTokens & { date: string })[];
  byModel: (CostedTokens & { provider: string; model: string; priced: boolean })[];
  bySession: (CostedTokens & { sessionKey: string })[];
  unpricedModels: string[];
}

/** A price per million tokens, or undefined when the config names none (the cost is unknown). */
export type PriceLookup = (provider: string, model: string) => ModelCost | undefined;

const MICRO = 1_000_000;

function zero(): CostedTokens {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 0, costUsd: 0 };
}

/**
 * Price of one group. `inputTokens` is the whole prompt with cached tokens included (as the AI SDK
 * and OpenAI report it), so cache reads and writes are billed at their own rates and only the rest
 * at the input rate.
 */
export function priceOf(tokens: TokenCounts, price: ModelCost): number {
  const uncached = Math.max(0, tokens.inputTokens - tokens.cacheReadTokens - tokens.cacheWriteTokens);
  return (
    (uncached * price.input + tokens.cacheReadTokens * price.cacheRead + tokens.cacheWriteTokens * price.cacheWrite + tokens.outputTokens * price.output) /
    MICRO
  );
}

function add(into: CostedTokens, tokens: TokenCounts, cost: number | null): void {
  into.inputTokens += tokens.inputTokens;
  into.outputTokens += tokens.outputTokens;
  into.cacheReadTokens += tokens.cacheReadTokens;
  into.cacheWriteTokens += tokens.cacheWriteTokens;
  into.totalTokens += tokens.totalTokens;
  into.costUsd = into.costUsd === null || cost === null ? null : into.costUsd + cost;
}

/** Sums of floats pick up noise (0.1 + 0.2); a tenth of a micro-dollar is plenty of precision. */
function rounded<T extends CostedTokens>(entry: T): T {
  return { ...entry, costUsd: entry.costUsd === null ? null : Math.round(entry.costUsd * 1e10) / 1e10 };
}

function byTokensDescending(a: CostedTokens, b: CostedTokens): number {
  return b.totalTokens - a.totalTokens;
}

/** Aggregates usage groups of the range into totals, days, models and sessions, priced from config. */
export function costReport(groups: readonly UsageGroup[], range: DayRange, priceLookup: PriceLookup): CostReport {
  const totals = zero();
  const days = new Map(daysOf(range).map((date) => [date, zero()]));
  const models = new Map<string, CostedTokens & { provider: string; model: string; priced: boolean }>();
  const sessions = new Map<string, CostedTokens & { sessionKey: string }>();
  const prices = new Map<string, ModelCost | undefined>();

  for (const group of groups) {
    const ref = `${group.provider}/${group.model}`;
    if (!prices.has(ref)) prices.set(ref, priceLookup(group.provider, group.model));
    const price = prices.get(ref);
    const tokens: TokenCounts = {
      inputTokens: group.inputTokens,
      outputTokens: group.outputTokens,
      cacheReadTokens: group.cacheReadTokens,
      cacheWriteTokens: group.cacheWriteTokens,
      totalTokens: group.inputTokens + group.outputTokens,
    };
    const cost = price ? priceOf(tokens, price) : null;
    add(totals, tokens, cost);
    let day = days.get(group.day);
    if (!day) days.set(group.day, (day = zero()));
    add(day, tokens, cost);
    let model = models.get(ref);
    if (!model) models.set(ref, (model = { provider: group.provider, model: group.model, ...zero(), priced: price !== undefined }));
    add(model, tokens, cost);
    let session = sessions.get(group.sessionKey);
    if (!session) sessions.set(group.sessionKey, (session = { sessionKey: group.sessionKey, ...zero() }));
    add(session, tokens, cost);
  }

  return {
    startDate: range.startDate,
    endDate: range.endDate,
    currency: 'USD',
    totals: rounded(totals),
    days: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, entry]) => rounded({ date, ...entry })),
    byModel: [...models.values()].sort(byTokensDescending).map(rounded),
    bySession: [...sessions.values()].sort(byTokensDescending).map(rounded),
    unpricedModels: [...models.values()].filter((model) => !model.priced).map((model) => `${model.provider}/${model.model}`),
  };
}
