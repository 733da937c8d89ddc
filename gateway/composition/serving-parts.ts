import type { Logger } from 'pino';
import type { AgentRuntime } from '../agent/agent-runtime.js';
import { GatewayStore } from '../agent/store/gateway-store.js';
import type { ConfigService } from '../core/config-service.js';
import type { EventBus } from '../core/events/event-bus.js';
import type { PresencePublisher } from '../core/events/presence-publisher.js';
import type { StateVersions } from '../core/events/state-versions.js';
import type { ProcessInfo } from '../core/process-info.js';
import type { MethodRouter } from '../core/router/dispatch.js';
import type { ConnectionRegistry } from '../core/server/connection-registry.js';
import type { ListenerServices } from '../core/server/gateway-server.js';
import type { HealthMonitor } from '../features/health/health-monitor.js';
import type { FeatureSet } from './feature-set.js';
import { FEATURES } from './feature-list.js';
import { buildProcessServices } from './process-services.js';

export interface ServingPartsInput {
  readonly stateDir: string;
  readonly info: ProcessInfo;
  readonly logger: Logger;
  readonly config: ConfigService;
  readonly bus: EventBus;
  readonly connections: ConnectionRegistry;
  readonly features: FeatureSet;
  readonly router: MethodRouter;
}

/** Everything built after the port is open (gateway-runtime.ts loads this module then). */
export interface ServingParts {
  readonly store: GatewayStore;
  readonly agents: AgentRuntime;
  readonly health: HealthMonitor;
  readonly approvals: { queue: { close(): void } };
  readonly presence: PresencePublisher;
  readonly versions: StateVersions;
  readonly devices: ListenerServices['devices'];
}

/**
 * Opens the store, builds the process services and every feature (their migrations, services
 * and methods) and registers the methods. If a step throws, the store opened here is closed.
 */
export function buildServingParts(input: ServingPartsInput): ServingParts {
  const { info, logger, config, bus, connections, features, router } = input;
  const store = GatewayStore.open(input.stateDir);
  try {
    const { context, versions } = buildProcessServices({ info, logger, config, store, bus, connections, featureStatus: () => features.status() });
    features.build(FEATURES, context);
    router.register(features.methods());
    const { agents, health, approvals, presence, devices } = context;
    return { store, agents, health, approvals, presence, versions, devices: { ...devices, repository: store.devices } };
  } catch (error) {
    store.close();
    throw error;
  }
}
