import { UpdateRunParams, UpdateStatusParams } from '../../../shared/protocol/update/params.js';
import { defineFeature, type FeatureContext } from '../../composition/feature-context.js';
import { defineMethod } from '../../core/router/method-definition.js';
import { detectInstallKind } from './install-kind.js';
import { UpdateService } from './update-service.js';

/**
 * `update.run` / `update.status` (openclaw-families.md §8). A gateway installed from npm updates
 * itself: registry check, `npm install` into the same prefix, a restart record, and the process
 * replaced by the new code (process-handover.ts). A checkout, the tray app's own copy or an
 * install it cannot place answers `skipped` with the reason and what to run instead.
 */
export const updateFeature = defineFeature({
  name: 'update',
  create: (context: Pick<FeatureContext, 'logger' | 'process' | 'clock' | 'store'>) => {
    const service = new UpdateService({
      kind: detectInstallKind(),
      currentVersion: context.process.version,
      stateDir: context.process.stateDir,
      env: process.env,
      logger: context.logger,
      now: () => context.clock.now(),
      notifySession: (sessionKey, text) => context.store.systemEvents.enqueue({ ts: context.clock.now(), text, sessionKey, source: 'update' }),
    });
    return {
      stop: () => service.stop(),
      methods: () => [
        defineMethod({
          name: 'update.run',
          params: UpdateRunParams,
          handler: ({ params }) => service.run(params),
        }),
        defineMethod({
          name: 'update.status',
          params: UpdateStatusParams,
          handler: ({ params }) => service.status(params.refreshCheckout === true),
        }),
      ],
    };
  },
});
