import type { Logger } from 'pino';
import type { AgentRoster, GatewaySettings, LoadedConfig } from '../config/index.js';
import type { AgentRuntime } from '../agent/agent-runtime.js';
import type { ExecApprovalQueue } from '../approvals/approval-queue.js';
import type { ApprovalsDocuments } from '../approvals/approvals-documents.js';
import type { ModelCatalog } from '../agent/models/model-catalog.js';
import type { DevicePairing } from '../devices/device-pairing.js';
import type { DeviceTokens } from '../devices/device-tokens.js';
import type { EventBus } from '../events/event-bus.js';
import type { HealthMonitor } from '../events/health-monitor.js';
import type { PresenceRegistry } from '../events/presence-registry.js';
import type { NodeService } from '../nodes/node-service.js';
import type { StateVersions } from '../events/state-versions.js';
import type { ConnectionRegistry } from '../server/connection-registry.js';
import type { GatewayStore } from '../store/gateway-store.js';

/** The live configuration and the one way to change it. */
export interface ConfigState {
  current(): LoadedConfig;
  settings(): GatewaySettings;
  roster(): AgentRoster;
  /** The models callable under the current config. */
  models(): ModelCatalog;
  /** Adopts a newly written config for everything that hot-reloads. */
  adopt(loaded: LoadedConfig): void;
  /** Schedules an in-process restart (drain, close listener, rebuild). */
  requestRestart(reason: string, delayMs: number): { delayMs: number };
}

export interface ProcessInfo {
  version: string;
  bootId: string;
  startedAtMs: number;
  hostName: string;
  stateDir: string;
  logFile: string;
}

/** Everything the method families use, handed to each family at registration. */
export interface GatewayServices {
  readonly process: ProcessInfo;
  readonly logger: Logger;
  readonly store: GatewayStore;
  readonly config: ConfigState;
  readonly bus: EventBus;
  readonly presence: PresenceRegistry;
  readonly versions: StateVersions;
  readonly health: HealthMonitor;
  readonly pairing: DevicePairing;
  readonly tokens: DeviceTokens;
  readonly connections: ConnectionRegistry;
  readonly agents: AgentRuntime;
  readonly nodes: NodeService;
  readonly approvals: ExecApprovalQueue;
  readonly approvalDocuments: ApprovalsDocuments;
}
