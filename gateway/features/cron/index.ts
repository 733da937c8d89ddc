import type { FeatureContext } from '../../composition/feature-context.js';
import { defineFeature } from '../../composition/feature-context.js';
import { CronJobRunner } from './cron-job-runner.js';
import { cronMethods } from './cron-methods.js';
import { CRON_MIGRATIONS } from './cron-migrations.js';
import { CronRepository } from './cron-repository.js';
import { CronScheduler, type SchedulerTimer } from './cron-scheduler.js';

export type CronContext = Pick<FeatureContext, 'clock' | 'config' | 'events' | 'store' | 'database' | 'turns' | 'wakeRequests' | 'logger' | 'delivery'>;

/** `GATEHOUSE_SKIP_CRON=1` (or OpenClaw's name) or `cron.enabled:false`: no timer; the methods still work. */
export function cronSettings(context: Pick<CronContext, 'config'>): { enabled: boolean; skipMissedJobs: boolean } {
  const env = context.config.env;
  const cron = context.config.current().config.cron;
  const skipped = env.GATEHOUSE_SKIP_CRON === '1' || env.OPENCLAW_SKIP_CRON === '1';
  return { enabled: !skipped && cron?.enabled !== false, skipMissedJobs: cron?.skipMissedJobs === true };
}

/** Builds the feature's parts; tests pass their own timer. */
export function createCron(context: CronContext, options: { timer?: SchedulerTimer; catchUpSpacingMs?: number } = {}) {
  const repository = new CronRepository(context.database);
  const runner = new CronJobRunner({
    turns: context.turns,
    wakeRequests: context.wakeRequests,
    systemEvents: context.store.systemEvents,
    delivery: context.delivery,
    logger: context.logger,
    defaultAgentId: () => {
      const roster = context.config.roster();
      return roster.defaultAgentId ?? roster.agents[0]?.id ?? 'main';
    },
    now: () => context.clock.now(),
  });
  const scheduler = new CronScheduler({
    repository,
    runner,
    clock: context.clock,
    settings: () => cronSettings(context),
    publish: (event) => context.events.broadcast('cron', event),
    logger: context.logger,
    ...options,
  });
  const methods = cronMethods({ scheduler, repository, clock: context.clock, storePath: () => context.store.file });
  return { repository, scheduler, methods };
}

/** Scheduled jobs: `cron.*`, the scheduler that runs them, and their run history. */
export const cronFeature = defineFeature({
  name: 'cron',
  migrations: CRON_MIGRATIONS,
  create: (context: CronContext) => {
    const { scheduler, methods } = createCron(context);
    let unsubscribe: (() => void) | undefined;
    return {
      methods: () => methods,
      start: () => {
        // `cron` config is hot (config.md §1.8): a change re-arms with the new settings.
        unsubscribe = context.config.subscribe(() => scheduler.rearm());
        scheduler.start();
      },
      stop: async () => {
        unsubscribe?.();
        await scheduler.stop();
      },
      status: () => scheduler.status(),
    };
  },
});
