import { UsageCostParams, UsageStatusParams } from '../../../shared/protocol/usage/params.js';
import type { ModelCost } from '../../agent/models/resolved-model.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';
import { usageDay, type UsageGroup } from '../../agent/store/usage-repository.js';
import { costRange } from './cost-range.js';
import { costReport, type TokenCounts } from './cost-report.js';

const ALL_TIME = { from: '0000-01-01', to: '9999-12-31' } as const;

function zero(): TokenCounts {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 0 };
}

function add(into: TokenCounts, group: UsageGroup): void {
  into.inputTokens += group.inputTokens;
  into.outputTokens += group.outputTokens;
  into.cacheReadTokens += group.cacheReadTokens;
  into.cacheWriteTokens += group.cacheWriteTokens;
  into.totalTokens += group.inputTokens + group.outputTokens;
}

export type UsageContext = Pick<FeatureContext, 'store' | 'models'>;

export function usageMethods(services: UsageContext): MethodDefinition[] {
  const { store } = services;

  return [
    defineMethod({
      name: 'usage.status',
      params: UsageStatusParams,
      handler: () => {
        const now = Date.now();
        const today = usageDay(now);
        const groups = store.usage.grouped(ALL_TIME.from, ALL_TIME.to);
        const totals = zero();
        const todayTotals = zero();
        // Token counts as providers reported them, per provider and model; no quotas are known here.
        const providers = new Map<string, { provider: string; configured: boolean; models: Map<string, TokenCounts & { model: string; configured: boolean }> }>();
        const providerEntry = (id: string, configured: boolean) => {
          let entry = providers.get(id);
          if (!entry) providers.set(id, (entry = { provider: id, configured, models: new Map() }));
          return entry;
        };
        const modelEntry = (providerId: string, modelId: string, configured: boolean) => {
          const models = providerEntry(providerId, false).models;
          let entry = models.get(modelId);
          if (!entry) models.set(modelId, (entry = { model: modelId, configured, ...zero() }));
          return entry;
        };
        for (const provider of services.models().providers()) {
          providerEntry(provider.id, provider.usable);
          for (const model of provider.models) modelEntry(provider.id, model.id, provider.usable);
        }
        for (const group of groups) {
          add(totals, group);
          if (group.day === today) add(todayTotals, group);
          add(modelEntry(group.provider, group.model, false), group);
        }
        return {
          ts: now,
          providers: [...providers.values()].map((entry) => ({ provider: entry.provider, configured: entry.configured, models: [...entry.models.values()] })),
          today: { date: today, ...todayTotals },
          totals,
        };
      },
    }),
    defineMethod({
      name: 'usage.cost',
      params: UsageCostParams,
      handler: ({ params }) => {
        const range = costRange(params, Date.now());
        const prefix = params.agentId === undefined ? undefined : `agent:${params.agentId.toLowerCase()}:`;
        const groups = store.usage.grouped(range.startDate, range.endDate).filter((group) => prefix === undefined || group.sessionKey.startsWith(prefix));
        const catalog = services.models();
        const priceOf = (provider: string, model: string): ModelCost | undefined => {
          try {
            return catalog.resolve(`${provider}/${model}`).cost;
          } catch {
            // A model no longer in the config has no known price.
            return undefined;
          }
        };
        return costReport(groups, range, priceOf);
      },
    }),
  ];
}
