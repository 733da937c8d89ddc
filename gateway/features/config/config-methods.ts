import { GatewayError } from '../../../shared/protocol/error-codes.js';
import {
  ConfigApplyParams,
  ConfigGetParams,
  ConfigPatchParams,
  ConfigSchemaParams,
  ConfigSetParams,
} from '../../../shared/protocol/config/params.js';
import {
  ConfigWriteError,
  configGetPayload,
  configSchemaPayload,
  patchConfig,
  setConfig,
  type LoadedConfig,
} from '../../core/config/index.js';
import type { ConfigApplyResult } from '../../../shared/protocol/config/results.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';

const DEFAULT_RESTART_DELAY_MS = 500;

function asGatewayError(error: unknown): unknown {
  if (error instanceof ConfigWriteError) {
    return new GatewayError(error.code, error.message, error.details === undefined ? {} : { details: error.details });
  }
  return error;
}

export type ConfigContext = Pick<FeatureContext, 'config'>;

export function configMethods(services: ConfigContext): MethodDefinition[] {
  const { config } = services;
  const writeContext = () => ({ loaded: config.current(), stateDir: config.stateDir, env: config.env });

  /** Persisted: the config service adopts it, tells operators and restarts in place when asked or required. */
  function afterWrite(
    loaded: LoadedConfig,
    changedPaths: string[],
    restart: 'always' | 'when-required' | 'never',
    delayMs?: number,
  ): ConfigApplyResult {
    const applied = config.apply(loaded, restart, delayMs ?? DEFAULT_RESTART_DELAY_MS, changedPaths);
    const view = configGetPayload(loaded);
    return {
      ok: true,
      path: loaded.path,
      hash: loaded.hash,
      config: view.config,
      changedPaths: applied.changedPaths,
      restart: applied.restart.scheduled ? { ...applied.restart, reason: 'config change' } : applied.restart,
    };
  }

  return [
    defineMethod({ name: 'config.get', params: ConfigGetParams, handler: () => configGetPayload(config.current()) }),
    defineMethod({ name: 'config.schema', params: ConfigSchemaParams, handler: () => configSchemaPayload() }),
    defineMethod({
      name: 'config.set',
      params: ConfigSetParams,
      controlPlaneWrite: true,
      handler: async ({ params }) => {
        try {
          const { loaded, changedPaths } = await setConfig({ ...writeContext(), raw: params.raw, baseHash: params.baseHash });
          return afterWrite(loaded, changedPaths, 'never');
        } catch (error) {
          throw asGatewayError(error);
        }
      },
    }),
    defineMethod({
      name: 'config.apply',
      params: ConfigApplyParams,
      controlPlaneWrite: true,
      handler: async ({ params }) => {
        try {
          const { loaded, changedPaths } = await setConfig({ ...writeContext(), raw: params.raw, baseHash: params.baseHash });
          return afterWrite(loaded, changedPaths, 'always', params.restartDelayMs);
        } catch (error) {
          throw asGatewayError(error);
        }
      },
    }),
    defineMethod({
      name: 'config.patch',
      params: ConfigPatchParams,
      controlPlaneWrite: true,
      handler: async ({ params }) => {
        try {
          const outcome = await patchConfig({
            ...writeContext(),
            raw: params.raw,
            baseHash: params.baseHash,
            replacePaths: params.replacePaths,
          });
          if (outcome.noop) {
            const loaded = outcome.loaded;
            return { ok: true, noop: true, changedPaths: [], path: loaded.path, config: configGetPayload(loaded).config };
          }
          return afterWrite(outcome.loaded, outcome.changedPaths, 'when-required', params.restartDelayMs);
        } catch (error) {
          throw asGatewayError(error);
        }
      },
    }),
  ];
}
