import { impliedAgentId } from '../../agent/session-addressing.js';
import type { FeatureContext } from '../../composition/feature-context.js';
import { defineFeature } from '../../composition/feature-context.js';
import type { Timers } from '../../core/runtime/timers.js';
import { CronJobRunner } from './cron-job-runner.js';
import { cronMethods } from './cron-methods.js';
import { CRON_MIGRATIONS } from './cron-migrations.js';
import { CronRepository } from './cron-repository.js';
import type { FailureAlertConfig } from './cron-failure-alert.js';
import { startFreshRunSession } from './cron-run-session.js';
import { CronScheduler } from './cron-scheduler.js';
import { CronSessionRetention, retentionMs } from './cron-session-retention.js';

export type CronContext = Pick<FeatureContext, 'clock' | 'config' | 'events' | 'store' | 'database' | 'turns' | 'agents' | 'wakeRequests' | 'logger' | 'delivery'>;

/** `GATEHOUSE_SKIP_CRON=1` (or OpenClaw's name) or `cron.enabled:false`: no timer; the methods still work. */
export function cronSettings(context: Pick<CronContext, 'config'>): { enabled: boolean; skipMissedJobs: boolean; failureAlert?: FailureAlertConfig } {
  const env = context.config.env;
  const cron = context.config.current().config.cron;
  const skipped = env.GATEHOUSE_SKIP_CRON === '1' || env.OPENCLAW_SKIP_CRON === '1';
  return { enabled: !skipped && cron?.enabled !== false, skipMissedJobs: cron?.skipMissedJobs === true, ...(cron?.failureAlert ? { failureAlert: cron.failureAlert } : {}) };
}

/** Builds the feature's parts; tests pass their own timer. */
export function createCron(context: CronContext, options: { timer?: Timers; catchUpSpacingMs?: number } = {}) {
  const repository = new CronRepository(context.database);
  const runner = new CronJobRunner({
    turns: context.turns,
    wakeRequests: context.wakeRequests,
    systemEvents: context.store.systemEvents,
    delivery: context.delivery,
    logger: context.logger,
    // A job without an agent belongs to the default one (else the first, as reads do).
    defaultAgentId: () => impliedAgentId(context.config.roster(), undefined, 'read') ?? 'main',
    // A job whose agent was removed from the config is skipped (with the reason), not failed.
    agentExists: (agentId) => context.config.roster().agents.some((agent) => agent.id === agentId),
    startFreshSession: (sessionKey) =>
      startFreshRunSession(
        { sessions: context.store.sessions, database: context.store.database, activeRuns: (key) => context.agents.activeForSession(key).length, now: () => context.clock.now() },
        sessionKey,
      ),
    now: () => context.clock.now(),
  });
  const retention = new CronSessionRetention(context.database, {
    retentionMs: () => retentionMs(context.config.current().config.cron?.sessionRetention),
    now: () => context.clock.now(),
    isActive: (sessionKey) => context.agents.activeForSession(sessionKey).length > 0,
    logger: context.logger,
  });
  const scheduler = new CronScheduler({
    repository,
    runner,
    clock: context.clock,
    settings: () => cronSettings(context),
    publish: (event) => {
      context.events.broadcast('cron', event);
      // An isolated run just left a session behind: old ones may be due for pruning.
      if (event.action === 'finished' && event.sessionKey !== undefined) retention.sweepIfDue();
    },
    logger: context.logger,
    ...options,
  });
  const methods = cronMethods({ scheduler, repository, clock: context.clock, storePath: () => context.store.file });
  return { repository, scheduler, methods, retention };
}

/** Scheduled jobs: `cron.*`, the scheduler that runs them, and their run history. */
export const cronFeature = defineFeature({
  name: 'cron',
  migrations: CRON_MIGRATIONS,
  create: (context: CronContext) => {
    const { scheduler, methods, retention } = createCron(context);
    let unsubscribe: (() => void) | undefined;
    return {
      methods: () => methods,
      start: () => {
        // `cron` config is hot (config.md §1.8): a change re-arms with the new settings.
        unsubscribe = context.config.subscribe(() => scheduler.rearm());
        scheduler.start();
        retention.sweep();
      },
      stop: async () => {
        unsubscribe?.();
        await scheduler.stop();
      },
      status: () => scheduler.status(),
    };
  },
});
