/**
 * The Control UI's Overview: how the gateway is doing, read from `status`, `health`,
 * `system-presence`, `node.list`, `cron.status` and `last-heartbeat` — each only when the gateway
 * lists it in hello-ok `features.methods`, each parsed with its protocol schema. A part the
 * gateway does not serve is absent, and a part that fails says so, without hiding the rest.
 */
import { CronResults, type CronStatusResult } from '../../shared/protocol/cron/results.js';
import { HealthResults, type HealthSnapshot, type StatusResult } from '../../shared/protocol/health/results.js';
import type { PresenceEntry } from '../../shared/protocol/connect.js';
import { NodeListResultSchema, type NodeRow } from '../../shared/protocol/nodes/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';
import { describeFailure } from '../describe-failure.js';
import type { GatewayRequest } from '../gateway-request.js';
import { parsed } from '../parse-answer.js';
import { heartbeatSummary } from '../scheduled/scheduled-views.js';
import type { ScheduleSummaryView } from '../../shared/ipc/contract.js';

const statusResult = compileSchema(HealthResults.status);
const healthResult = compileSchema(HealthResults.health);
const presenceResult = compileSchema(HealthResults['system-presence']);
const nodeListResult = compileSchema(NodeListResultSchema);
const cronStatusResult = compileSchema(CronResults['cron.status']);
const lastHeartbeatResult = compileSchema(HealthResults['last-heartbeat']);

export type Part<T> = { state: 'ready'; value: T } | { state: 'failed'; message: string } | { state: 'absent' };

export interface OverviewView {
  status: Part<Pick<StatusResult, 'version' | 'uptimeMs' | 'startedAtMs' | 'host' | 'authMode' | 'channelSummary' | 'connections'>>;
  health: Part<Pick<HealthSnapshot, 'ts' | 'durationMs' | 'agents' | 'sessions' | 'heartbeatSeconds'>>;
  clients: Part<PresenceEntry[]>;
  nodes: Part<Pick<NodeRow, 'nodeId' | 'displayName' | 'connected' | 'platform'>[]>;
  cron: Part<CronStatusResult>;
  heartbeat: Part<ScheduleSummaryView['heartbeat']>;
  readAtMs: number;
}

export async function readOverview(request: GatewayRequest, methods: readonly string[], now: () => number = Date.now): Promise<OverviewView> {
  const part = async <T>(method: string, read: (raw: unknown) => T, params: unknown = {}): Promise<Part<T>> => {
    if (!methods.includes(method)) return { state: 'absent' };
    try {
      return { state: 'ready', value: read(await request(method, params)) };
    } catch (error) {
      return { state: 'failed', message: describeFailure(error) };
    }
  };
  const [status, health, clients, nodes, cron, heartbeat] = await Promise.all([
    part('status', (raw) => {
      const { version, uptimeMs, startedAtMs, host, authMode, channelSummary, connections } = parsed('status', statusResult, raw);
      return { version, uptimeMs, startedAtMs, host, authMode, channelSummary, connections };
    }),
    part('health', (raw) => {
      const { ts, durationMs, agents, sessions, heartbeatSeconds } = parsed('health', healthResult, raw);
      return { ts, durationMs, agents, sessions, heartbeatSeconds };
    }),
    part('system-presence', (raw) => parsed('system-presence', presenceResult, raw)),
    part('node.list', (raw) =>
      parsed('node.list', nodeListResult, raw).nodes.map(({ nodeId, displayName, connected, platform }) => ({ nodeId, displayName, connected, platform })),
    ),
    part('cron.status', (raw) => parsed('cron.status', cronStatusResult, raw)),
    part('last-heartbeat', (raw) => heartbeatSummary(parsed('last-heartbeat', lastHeartbeatResult, raw))),
  ]);
  return { status, health, clients, nodes, cron, heartbeat, readAtMs: now() };
}
