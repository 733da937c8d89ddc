import { randomBytes } from 'node:crypto';
import { invalidRequest } from '../../../shared/protocol/error-codes.js';
import { WizardCancelParams, WizardNextParams, WizardStartParams, WizardStatusParams } from '../../../shared/protocol/wizard/params.js';
import { defineFeature, type FeatureContext } from '../../composition/feature-context.js';
import { ConfigWriteError, patchConfig } from '../../core/config/index.js';
import { resolvedSecretText } from '../../core/config/secret-refs.js';
import { expandHome } from '../../core/config/state-paths.js';
import { defineMethod } from '../../core/router/method-definition.js';
import { runOnboarding, type CurrentSetup, type OnboardingDeps } from './onboarding-script.js';
import { checkProviderKey } from './provider-key-check.js';
import { WizardPrompter } from './wizard-prompter.js';
import { WizardRegistry } from './wizard-registry.js';
import { WizardSession } from './wizard-session.js';
import { bootstrapWorkspace } from './workspace-bootstrap.js';

type WizardContext = Pick<FeatureContext, 'config' | 'models' | 'clock' | 'logger'>;

/** Where the keyed providers are when `models.mode` is "replace" and they are not configured. */
const BUILT_IN_BASE_URLS = { anthropic: 'https://api.anthropic.com', openai: 'https://api.openai.com/v1' } as const;

/** After the answer that ends the wizard has gone out: a new token would drop the client first. */
const APPLY_DELAY_MS = 300;

function onboardingDeps(context: WizardContext): OnboardingDeps {
  const { config } = context;
  return {
    current: (): CurrentSetup => {
      const loaded = config.current();
      const model = loaded.config.agents?.defaults?.model;
      const providers = context.models().providers();
      const baseUrl = (id: 'anthropic' | 'openai') => providers.find((provider) => provider.id === id)?.baseUrl || BUILT_IN_BASE_URLS[id];
      const roster = config.roster();
      const main = roster.agents.find((agent) => agent.id === roster.defaultAgentId) ?? roster.agents[0];
      return {
        configPath: loaded.path,
        workspace: main?.workspace ?? `${config.stateDir}/workspace`,
        model: typeof model === 'string' ? model : model?.primary,
        modelIsObject: typeof model === 'object' && model !== null,
        hasKey: {
          anthropic: providers.some((provider) => provider.id === 'anthropic' && provider.hasKey),
          openai: providers.some((provider) => provider.id === 'openai' && provider.hasKey),
        },
        baseUrl: { anthropic: baseUrl('anthropic'), openai: baseUrl('openai') },
        hasConfiguredToken: resolvedSecretText(loaded.config.gateway?.auth?.token) !== undefined,
        telegramConfigured: loaded.config.channels?.telegram?.botToken !== undefined,
      };
    },
    expandHome: (path) => expandHome(path, config.env),
    newToken: () => randomBytes(32).toString('base64url'),
    checkKey: async (provider, url, key) => {
      const outcome = await checkProviderKey(provider, url, key);
      // The reason is the provider's text, never the key.
      context.logger.info({ provider, ok: outcome.ok, ...(outcome.ok ? {} : { kind: outcome.kind, reason: outcome.reason }) }, 'wizard checked a provider key');
      return outcome;
    },
    bootstrapWorkspace,
    writeConfig: async (patch) => {
      const loaded = config.current();
      try {
        const outcome = await patchConfig({ loaded, baseHash: loaded.hash, stateDir: config.stateDir, env: config.env, raw: JSON.stringify(patch) });
        if (outcome.noop) return;
        setTimeout(() => {
          // The file watch may have adopted it meanwhile.
          if (config.current().hash !== outcome.loaded.hash) config.apply(outcome.loaded, 'when-required', 0, outcome.changedPaths);
        }, APPLY_DELAY_MS).unref();
        context.logger.info({ changedPaths: outcome.changedPaths }, 'wizard wrote the config');
      } catch (error) {
        if (error instanceof ConfigWriteError) throw new Error(`config not written: ${error.message}`, { cause: error });
        throw error;
      }
    },
  };
}

/**
 * The wizard (openclaw-families.md §4): `wizard.start/next/cancel/status` drive a server-side
 * script one step at a time. The script here is Gatehouse's onboarding.
 */
export const wizardFeature = defineFeature({
  name: 'wizard',
  create: (context: WizardContext) => {
    const registry = new WizardRegistry();
    const deps = onboardingDeps(context);
    const now = () => context.clock.now();
    return {
      methods: () => [
        defineMethod({
          name: 'wizard.start',
          params: WizardStartParams,
          handler: async ({ params }) => {
            if (params.mode === 'remote') throw invalidRequest('wizard: mode "remote" sets up a client for another gateway; run the setup on that gateway');
            if (params.channel !== undefined && params.channel.toLowerCase() !== 'telegram') {
              throw invalidRequest(`wizard: channel "${params.channel.slice(0, 64)}" cannot be set up here (telegram can)`);
            }
            const flow = params.flow ?? (params.channel ? 'channels' : 'setup');
            const session = registry.add(
              () =>
                new WizardSession(
                  (asker) => runOnboarding(new WizardPrompter(asker), deps, { flow, ...(params.workspace ? { workspace: params.workspace } : {}) }),
                  now,
                ),
            );
            const progress = await session.next();
            if (progress.done) registry.forget(session);
            return { sessionId: session.id, ...progress };
          },
        }),
        defineMethod({
          name: 'wizard.next',
          params: WizardNextParams,
          handler: async ({ params }) => {
            const session = registry.find(params.sessionId);
            const answer = params.answer ?? (params.stepId !== undefined ? { stepId: params.stepId, value: params.response } : undefined);
            if (answer) session.answer(answer.stepId, answer.value);
            const progress = await session.next();
            if (progress.done) registry.forget(session);
            return progress;
          },
        }),
        defineMethod({
          name: 'wizard.cancel',
          params: WizardCancelParams,
          handler: ({ params }) => {
            const session = registry.find(params.sessionId);
            session.cancel();
            registry.forget(session);
            return { status: session.status, ...(session.error !== undefined ? { error: session.error } : {}) };
          },
        }),
        defineMethod({
          name: 'wizard.status',
          params: WizardStatusParams,
          handler: ({ params }) => {
            const session = registry.find(params.sessionId);
            registry.forget(session);
            return { status: session.status, ...(session.error !== undefined ? { error: session.error } : {}) };
          },
        }),
      ],
      stop: () => registry.cancelAll(),
    };
  },
});
