import type { Logger } from 'pino';
import type { AgentRuntime } from '../agent/agent-runtime.js';
import type { ExecApprovalQueue } from '../approvals/approval-queue.js';
import type { ApprovalsDocuments } from '../approvals/approvals-documents.js';
import { hostname } from 'node:os';
import { DevicePairing } from '../devices/device-pairing.js';
import { DeviceTokens } from '../devices/device-tokens.js';
import type { EventBus } from '../events/event-bus.js';
import { HealthMonitor } from '../events/health-monitor.js';
import { PresenceRegistry } from '../events/presence-registry.js';
import { readNodeCommandConfig } from '../nodes/node-command-policy.js';
import { NodeService } from '../nodes/node-service.js';
import { StateVersions } from '../events/state-versions.js';
import type { ConnectionRegistry } from '../server/connection-registry.js';
import type { GatewayStore } from '../store/gateway-store.js';
import type { ConfigState, GatewayServices, ProcessInfo } from './gateway-services.js';
import { healthSources } from './health-sources.js';

export function createServices(options: {
  process: ProcessInfo;
  logger: Logger;
  store: GatewayStore;
  config: ConfigState;
  agents: AgentRuntime;
  approvals: ExecApprovalQueue;
  approvalDocuments: ApprovalsDocuments;
  bus: EventBus;
  connections: ConnectionRegistry;
}): GatewayServices {
  const { process: info, logger, store, config, bus, connections } = options;
  const versions = new StateVersions();
  const presence = new PresenceRegistry({
    host: info.hostName || hostname(),
    version: info.version,
    platform: process.platform,
    text: `Gateway: ${info.hostName} · gatehouse ${info.version} · mode gateway · reason self`,
  });
  const health = new HealthMonitor(healthSources(() => config.roster(), store), bus, versions);
  return {
    process: info,
    logger,
    store,
    config,
    bus,
    presence,
    versions,
    health,
    pairing: new DevicePairing(store.devices, store.pairRequests, bus),
    tokens: new DeviceTokens(store.devices),
    connections,
    agents: options.agents,
    // gateway.nodes is an ignored key of the config schema: read the authored value.
    nodes: new NodeService({
      store,
      bus,
      presence,
      logger,
      commandConfig: () => readNodeCommandConfig(config.current().resolved),
      proxies: () => config.settings().proxies,
    }),
    approvals: options.approvals,
    approvalDocuments: options.approvalDocuments,
  };
}
