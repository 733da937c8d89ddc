import { METHOD_RESULTS } from '../../../shared/protocol/result-schemas.js';
import { UpdateRunParams, UpdateStatusParams } from '../../../shared/protocol/update/params.js';
import { defineFeature, type FeatureContext } from '../../composition/feature-context.js';
import { defineMethod } from '../../core/router/method-definition.js';
import { detectInstallKind, skippedUpdate } from './install-kind.js';

/**
 * `update.run` / `update.status` (openclaw-families.md §8). The daemon has no updater of its own:
 * it says how it was installed and who updates it (the tray app, npm, `git pull`), and answers
 * `skipped` instead of pretending. An in-place restart keeps the loaded code, so even a pulled
 * checkout would need a new process — which is the supervisor's job, not the daemon's.
 */
export const updateFeature = defineFeature({
  name: 'update',
  create: (context: Pick<FeatureContext, 'logger'>) => {
    const kind = detectInstallKind();
    return {
      methods: () => [
        defineMethod({
          name: 'update.run',
          params: UpdateRunParams,
          result: METHOD_RESULTS['update.run'],
          handler: ({ params }) => {
            const { reason, command } = skippedUpdate(kind);
            context.logger.info({ mode: kind.mode, hasNote: params.note !== undefined }, 'update.run skipped');
            return {
              ok: true,
              result: { status: 'skipped' as const, mode: kind.mode, steps: [], reason, ...(command ? { command } : {}), ...(kind.root ? { root: kind.root } : {}) },
              restart: null,
            };
          },
        }),
        defineMethod({
          name: 'update.status',
          params: UpdateStatusParams,
          result: METHOD_RESULTS['update.status'],
          handler: () => ({
            sentinel: null,
            updateAvailable: null,
            schedule: {
              channel: 'stable',
              autoEnabled: false,
              install: { kind: kind.mode === 'git' ? ('git' as const) : kind.mode === 'unknown' ? ('unknown' as const) : ('package' as const) },
            },
          }),
        }),
      ],
    };
  },
});
