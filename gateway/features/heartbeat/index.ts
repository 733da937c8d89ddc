import { defineFeature } from '../../composition/feature-context.js';
import { isMainSessionKey } from '../../agent/session-keys.js';
import type { HeartbeatContext } from './heartbeat-context.js';
import { heartbeatMethods } from './heartbeat-methods.js';
import { HEARTBEAT_MIGRATIONS } from './heartbeat-migrations.js';
import { HeartbeatRepository } from './heartbeat-repository.js';
import { realTimers } from '../../core/runtime/timers.js';
import { HeartbeatService } from './heartbeat-service.js';
import { heartbeatSettingsOf } from './heartbeat-settings.js';

export { stripHeartbeatToken, visibleHeartbeatText, HEARTBEAT_TOKEN } from './heartbeat-ack.js';
export { HeartbeatState } from './heartbeat-state.js';

/** Scheduled agent wake-ups (spec §13.3): `last-heartbeat`, `set-heartbeats`, `wake`, the `heartbeat` event. */
export const heartbeatFeature = defineFeature({
  name: 'heartbeat',
  migrations: HEARTBEAT_MIGRATIONS,
  create: (context: HeartbeatContext) => {
    const { config, store } = context;
    const service = new HeartbeatService({
      now: () => context.clock.now(),
      timers: realTimers,
      settings: () => ({
        agents: heartbeatSettingsOf(config.current(), config.roster()),
        defaultAgentId: config.roster().defaultAgentId ?? undefined,
      }),
      turns: context.turns,
      requestsInFlight: (sessionKey) => context.agents.activeForSession(sessionKey).length,
      // Counted in SQL with takeForSession's rule: queued() stops at 100 rows of all sessions.
      queuedSystemEvents: (sessionKey) => store.systemEvents.queuedCountFor(sessionKey, isMainSessionKey(sessionKey)),
      repository: new HeartbeatRepository(context.database),
      delivery: context.delivery,
      state: context.heartbeats,
      publish: (event) => context.events.broadcast('heartbeat', event),
      logger: context.logger,
    });
    const unsubscribes: (() => void)[] = [];
    return {
      methods: () => heartbeatMethods(context, service),
      start: () => {
        service.start();
        unsubscribes.push(
          context.wakeRequests.subscribe((request) => service.onWake(request)),
          // config.md §1.8: a heartbeat change re-arms the timers without a restart.
          config.subscribe(() => service.reconfigure()),
        );
      },
      stop: () => {
        for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
        service.stop();
      },
      status: () => context.heartbeats.status(),
    };
  },
});
