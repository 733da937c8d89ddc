import type { Logger } from 'pino';
import { AgentRuntime } from '../agent/agent-runtime.js';
import { agentTurnsOf } from '../agent/agent-turns.js';
import { DELIVERY_UNAVAILABLE } from '../agent/channel-delivery.js';
import { ModelCatalog } from '../agent/models/model-catalog.js';
import { PromptSections } from '../agent/prompt-builder.js';
import type { GatewayStore } from '../agent/store/gateway-store.js';
import { WakeRequests } from '../agent/wake-requests.js';
import type { ConfigService } from '../core/config-service.js';
import { DevicePairing } from '../core/devices/device-pairing.js';
import { DeviceTokens } from '../core/devices/device-tokens.js';
import { LoginCodes, loginCodeTtlFromEnv } from '../core/devices/login-codes.js';
import type { EventBus } from '../core/events/event-bus.js';
import { PresencePublisher } from '../core/events/presence-publisher.js';
import { PresenceRegistry } from '../core/events/presence-registry.js';
import { StateVersions } from '../core/events/state-versions.js';
import type { ProcessInfo } from '../core/process-info.js';
import type { ConnectionRegistry } from '../core/server/connection-registry.js';
import { createExecApprovals } from '../features/exec-approvals/exec-approvals-service.js';
import { HealthMonitor } from '../features/health/health-monitor.js';
import { healthSources } from '../features/health/health-sources.js';
import { stripHeartbeatToken, visibleHeartbeatText } from '../features/heartbeat/heartbeat-ack.js';
import { HeartbeatState } from '../features/heartbeat/heartbeat-state.js';
import { readNodeCommandConfig } from '../features/nodes/node-command-policy.js';
import { NodePairRequestsRepository } from '../features/nodes/node-pair-requests-repository.js';
import { NodeService } from '../features/nodes/node-service.js';
import { NodesRepository } from '../features/nodes/nodes-repository.js';
import { ErrorCode, GatewayError } from '../../shared/protocol/error-codes.js';
import { OPERATOR_SCOPES, scopeSatisfied } from '../../shared/protocol/scopes.js';
import { channelDeliveryPort, replySpeechPort, type FeatureContext } from './feature-context.js';

export interface ProcessServicesInput {
  readonly info: ProcessInfo;
  readonly logger: Logger;
  readonly config: ConfigService;
  readonly store: GatewayStore;
  readonly bus: EventBus;
  readonly connections: ConnectionRegistry;
  /** The features' `status()` entries; the feature set exists only after the context does. */
  readonly featureStatus: () => Record<string, unknown>;
}

/**
 * The services more than one part of the gateway uses, built once per process, and the feature
 * context that hands them out. Order matters only where one is built from another: the agent
 * runtime takes the exec tool from exec approvals, health reads the heartbeat state.
 */
export function buildProcessServices(input: ProcessServicesInput): { context: FeatureContext; versions: StateVersions } {
  const { info, logger, config, store, bus, connections } = input;
  let catalog = new ModelCatalog(config.current().config, config.current().env, config.current().path);
  config.subscribe(({ next }) => {
    catalog = new ModelCatalog(next.config, next.env, next.path);
  });
  const versions = new StateVersions();
  const presence = new PresencePublisher(
    new PresenceRegistry({
      host: info.hostName,
      version: info.version,
      platform: process.platform,
      text: `Gateway: ${info.hostName} · gatehouse ${info.version} · mode gateway · reason self`,
    }),
    bus,
    versions,
  );
  const approvals = createExecApprovals({
    database: store.database,
    bus,
    logger,
    config: () => config.current().config,
    approverCount: () =>
      connections.all().filter((c) => c.session?.role === 'operator' && scopeSatisfied(OPERATOR_SCOPES.approvals, c.session.scopes)).length,
  });
  const promptSections = new PromptSections((name, error) => logger.warn({ section: name, error: String(error) }, 'prompt section left out'));
  const delivery = channelDeliveryPort(() => new GatewayError(ErrorCode.unavailable, DELIVERY_UNAVAILABLE), {
    // No HEARTBEAT_OK ever reaches a chat (research note §2).
    outboundText: (text) => stripHeartbeatToken(text, { ackMaxChars: 0 }).text,
  });
  const agents = new AgentRuntime({
    store,
    logger,
    bus,
    catalog: () => catalog,
    roster: () => config.roster(),
    configPath: () => config.current().path,
    limits: () => {
      const defaults = config.current().config.agents?.defaults;
      return {
        timeoutSeconds: defaults?.timeoutSeconds ?? 172_800,
        maxConcurrent: defaults?.maxConcurrent ?? 8,
        ...(defaults?.thinkingDefault ? { thinkingDefault: defaults.thinkingDefault } : {}),
      };
    },
    tools: approvals.tools,
    promptSections,
    // Kept by name with a run, so a heartbeat resumed after a restart still hides its HEARTBEAT_OK.
    textFilters: { heartbeat: visibleHeartbeatText },
    delivery,
  });
  // Built before the features so the health monitor can read it; the heartbeat feature fills it.
  const heartbeats = new HeartbeatState();
  const nodes = new NodeService({
    store: {
      nodes: new NodesRepository(store.database),
      nodePairRequests: new NodePairRequestsRepository(store.database),
      devices: store.devices,
      systemEvents: store.systemEvents,
    },
    bus,
    presence,
    logger,
    // gateway.nodes is an ignored key of the config schema: read the authored value.
    commandConfig: () => readNodeCommandConfig(config.current().resolved),
  });
  const context: FeatureContext = {
    process: info,
    logger,
    clock: { now: Date.now },
    config,
    models: () => catalog,
    events: bus,
    presence,
    connections,
    store,
    database: store.database,
    devices: {
      pairing: new DevicePairing(store.devices, store.pairRequests, bus),
      tokens: new DeviceTokens(store.devices),
      loginCodes: new LoginCodes(Date.now, loginCodeTtlFromEnv(config.env)),
    },
    agents,
    turns: agentTurnsOf(agents, logger),
    wakeRequests: new WakeRequests(),
    health: new HealthMonitor(healthSources(() => config.roster(), store, heartbeats), bus, versions),
    heartbeats,
    nodes,
    approvals,
    promptSections,
    delivery,
    replySpeech: replySpeechPort(),
    featureStatus: input.featureStatus,
  };
  return { context, versions };
}
