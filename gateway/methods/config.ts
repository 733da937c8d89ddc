import { GatewayError } from '../../shared/protocol/error-codes.js';
import {
  ConfigApplyParams,
  ConfigGetParams,
  ConfigPatchParams,
  ConfigSchemaParams,
  ConfigSetParams,
} from '../../shared/protocol/params/config.js';
import {
  ConfigWriteError,
  configGetPayload,
  configSchemaPayload,
  patchConfig,
  restartRequired,
  setConfig,
  type LoadedConfig,
} from '../config/index.js';
import { defineMethod, type MethodDefinition } from '../router/method-definition.js';
import type { GatewayServices } from '../runtime/gateway-services.js';

const DEFAULT_RESTART_DELAY_MS = 500;

function asGatewayError(error: unknown): unknown {
  if (error instanceof ConfigWriteError) {
    return new GatewayError(error.code, error.message, error.details === undefined ? {} : { details: error.details });
  }
  return error;
}

export function configMethods(services: GatewayServices): MethodDefinition[] {
  const { config, process } = services;
  const writeContext = () => ({ loaded: config.current(), stateDir: process.stateDir, env: globalThis.process.env });

  /** Persisted: adopt it, tell operators, and restart in place when asked to or when required. */
  function afterWrite(loaded: LoadedConfig, changedPaths: string[], restart: 'always' | 'when-required' | 'never', delayMs?: number) {
    config.adopt(loaded);
    services.bus.broadcast('config.changed', { path: loaded.path, hash: loaded.hash, changedPaths });
    const view = configGetPayload(loaded);
    const needsRestart = restart === 'always' || (restart === 'when-required' && restartRequired(changedPaths));
    const result: Record<string, unknown> = { ok: true, path: loaded.path, hash: loaded.hash, config: view.config, changedPaths };
    if (needsRestart) {
      const scheduled = config.requestRestart('config change', delayMs ?? DEFAULT_RESTART_DELAY_MS);
      result.restart = { scheduled: true, delayMs: scheduled.delayMs, reason: 'config change' };
    } else {
      result.restart = { scheduled: false, required: restartRequired(changedPaths) };
    }
    return result;
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
