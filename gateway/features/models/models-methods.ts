import { addressSession, impliedAgentId } from '../../agent/session-addressing.js';
import { invalidRequest } from '../../../shared/protocol/error-codes.js';
import { AgentsListParams, ModelsListParams } from '../../../shared/protocol/models/params.js';
import type { ResolvedModel } from '../../agent/models/resolved-model.js';
import type { ModelChoice, ModelInput } from '../../../shared/protocol/models/results.js';
import { discoverableProviders, ModelDiscovery, type DiscoveryStatus } from '../../agent/models/model-discovery.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';

const MODEL_INPUTS: readonly string[] = ['text', 'image', 'audio', 'video', 'document'] satisfies ModelInput[];

function isModelInput(value: string): value is ModelInput {
  return MODEL_INPUTS.includes(value);
}

/** One entry of models.list (reference ModelChoice, plus the configured price). */
function choiceOf(model: ResolvedModel): ModelChoice {
  return {
    id: model.modelId,
    name: model.name,
    provider: model.providerId,
    contextWindow: model.contextWindow,
    reasoning: model.reasoning,
    // The config schema admits only these modalities; the filter states it to the type checker.
    input: model.input.filter(isModelInput),
    ...(model.cost ? { cost: model.cost } : {}),
  };
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

export type ModelContext = Pick<FeatureContext, 'config' | 'models' | 'logger' | 'store'>;

export function modelMethods(services: ModelContext): MethodDefinition[] {
  const discovery = new ModelDiscovery(services.logger);

  return [
    defineMethod({
      name: 'models.list',
      params: ModelsListParams,
      handler: async ({ params }) => {
        const roster = services.config.roster();
        const catalog = services.models();
        const loaded = services.config.current();
        const agentId = params.agentId?.toLowerCase();
        if (agentId !== undefined && !roster.agents.some((agent) => agent.id === agentId)) {
          throw invalidRequest(`unknown agent: ${params.agentId}`, { code: 'UNKNOWN_AGENT', agentId: params.agentId });
        }

        const models = new Map<string, ModelChoice>();
        const add = (choice: ModelChoice) => {
          const key = `${choice.provider}/${choice.id}`;
          if (!models.has(key) && (params.provider === undefined || choice.provider === params.provider)) models.set(key, choice);
        };
        for (const model of catalog.configuredModels()) add(choiceOf(model));

        // The models agents (and the named session) run with, even where the config lists none (a built-in's model).
        const refs = new Set<string>();
        for (const agent of roster.agents) {
          if (agentId !== undefined && agent.id !== agentId) continue;
          for (const ref of [agent.model?.primary, ...(agent.model?.fallbacks ?? [])]) if (ref) refs.add(ref);
        }
        if (params.sessionKey !== undefined) {
          const fallback = impliedAgentId(roster, agentId, 'read');
          if (fallback) {
            const override = services.store.sessions.get(addressSession(roster, params.sessionKey, fallback, 'read').sessionKey)?.settings.model;
            if (override) refs.add(override);
          }
        }
        for (const ref of refs) {
          try {
            add(choiceOf(catalog.resolve(ref)));
          } catch {
            // An unusable ref is reported when a run uses it; the list shows what can be called.
          }
        }

        const providerOutcomes: { provider: string; status: DiscoveryStatus }[] = [];
        if (params.view !== 'configured' && params.view !== 'provider-config') {
          const providers = discoverableProviders(catalog, loaded.config.models ?? {}, loaded.env).filter(
            (provider) => params.provider === undefined || provider.id === params.provider,
          );
          const outcomes = await Promise.all(providers.map((provider) => discovery.discover(provider, catalog)));
          for (const outcome of outcomes) {
            providerOutcomes.push({ provider: outcome.provider, status: outcome.status });
            for (const id of outcome.modelIds) add({ id, name: id, provider: outcome.provider });
          }
        }
        return { models: [...models.values()], ...(providerOutcomes.length > 0 ? { providerOutcomes } : {}) };
      },
    }),
    defineMethod({
      name: 'agents.list',
      params: AgentsListParams,
      handler: () => {
        const roster = services.config.roster();
        // OpenClaw's answer when no agent is configured at all.
        const defaultId = impliedAgentId(roster, undefined, 'read') ?? 'main';
        return {
          defaultId,
          ...(roster.defaultAgentId === null && roster.agents.length > 1 ? { selectionRequired: true } : {}),
          mainKey: roster.mainKey,
          scope: roster.scope,
          agents: roster.agents.map((agent) => {
            const identity: Record<string, string> = {};
            for (const field of ['name', 'theme', 'emoji', 'avatar'] as const) {
              const value = agent.identity?.[field];
              if (nonEmpty(value)) identity[field] = value;
            }
            return {
              id: agent.id,
              ...(nonEmpty(agent.name) ? { name: agent.name } : {}),
              ...(Object.keys(identity).length > 0 ? { identity } : {}),
              ...(agent.model?.primary ? { model: { primary: agent.model.primary, ...(agent.model.fallbacks?.length ? { fallbacks: agent.model.fallbacks } : {}) } } : {}),
            };
          }),
        };
      },
    }),
  ];
}
