/**
 * The Control UI's Usage page, free of any platform: tokens and cost per day, per model and per
 * session over a range of UTC days, from `usage.cost` (and today's and all-time totals from
 * `usage.status` when served). Only what the gateway recorded: nothing is estimated here.
 */
import { UsageResults, type UsageCostResult, type UsageStatusResult } from '../../shared/protocol/usage/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';
import type { GatewayRequest } from '../gateway-request.js';
import { parsed } from '../parse-answer.js';

const costResult = compileSchema(UsageResults['usage.cost']);
const statusResult = compileSchema(UsageResults['usage.status']);

export const USAGE_RANGES = [7, 30, 90] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];
/** Bars a per-model or per-session chart shows; the rest are summed into one "others" bar. */
export const TOP_ENTRIES = 8;

export interface UsageBar {
  label: string;
  tokens: number;
  /** Null when any part had no configured price. */
  costUsd: number | null;
}

export interface UsageView {
  range: { startDate: string; endDate: string };
  totals: UsageBar;
  days: UsageBar[];
  byModel: UsageBar[];
  bySession: UsageBar[];
  unpricedModels: string[];
  status?: UsageStatusResult;
}

export async function readUsage(request: GatewayRequest, methods: readonly string[], days: UsageRange): Promise<UsageView> {
  const [cost, status] = await Promise.all([
    request('usage.cost', { days }),
    methods.includes('usage.status') ? request('usage.status', {}) : Promise.resolve(undefined),
  ]);
  const answer: UsageCostResult = parsed('usage.cost', costResult, cost);
  return {
    range: { startDate: answer.startDate, endDate: answer.endDate },
    totals: { label: 'Total', tokens: answer.totals.totalTokens, costUsd: answer.totals.costUsd },
    days: answer.days.map((day) => ({ label: day.date, tokens: day.totalTokens, costUsd: day.costUsd })),
    byModel: topBars(answer.byModel.map((row) => ({ label: row.provider === '' ? row.model : `${row.provider}/${row.model}`, tokens: row.totalTokens, costUsd: row.costUsd }))),
    bySession: topBars(answer.bySession.map((row) => ({ label: row.sessionKey, tokens: row.totalTokens, costUsd: row.costUsd }))),
    unpricedModels: answer.unpricedModels,
    ...(status === undefined ? {} : { status: parsed('usage.status', statusResult, status) }),
  };
}

/** The biggest entries first, the rest as one "others" bar so a chart stays readable. */
export function topBars(bars: UsageBar[], keep = TOP_ENTRIES): UsageBar[] {
  const sorted = [...bars].sort((a, b) => b.tokens - a.tokens);
  if (sorted.length <= keep) return sorted;
  const rest = sorted.slice(keep - 1);
  const others: UsageBar = {
    label: `${rest.length} others`,
    tokens: rest.reduce((sum, bar) => sum + bar.tokens, 0),
    costUsd: rest.some((bar) => bar.costUsd === null) ? null : rest.reduce((sum, bar) => sum + (bar.costUsd ?? 0), 0),
  };
  return [...sorted.slice(0, keep - 1), others];
}

export function formatTokens(tokens: number): string {
  if (tokens >= 1_000_000) return `${(tokens / 1_000_000).toFixed(tokens >= 10_000_000 ? 0 : 1)}M`;
  if (tokens >= 1_000) return `${(tokens / 1_000).toFixed(tokens >= 10_000 ? 0 : 1)}k`;
  return String(tokens);
}

export function formatCost(costUsd: number | null): string {
  if (costUsd === null) return 'no price';
  return costUsd < 0.01 && costUsd > 0 ? '< $0.01' : `$${costUsd.toFixed(2)}`;
}
