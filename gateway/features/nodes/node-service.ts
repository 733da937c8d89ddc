import type { Logger } from 'pino';
import { ErrorCode, GatewayError, invalidRequest } from '../../../shared/protocol/error-codes.js';
import type { GatewayEventName } from '../../../shared/protocol/events.js';
import type { EventBus } from '../../core/events/event-bus.js';
import type { PresencePublisher } from '../../core/events/presence-publisher.js';
import type { Connection } from '../../core/server/connection.js';
import { devicePresenceKey } from '../../core/server/presence-key.js';
import type { DevicesRepository } from '../../core/devices/devices-repository.js';
import type { SystemEventsRepository } from '../../agent/store/system-events-repository.js';
import type { NodePairRequestsRepository } from './node-pair-requests-repository.js';
import type { NodesRepository } from './nodes-repository.js';

/** The tables nodes read and write. */
export interface NodeStore {
  readonly nodes: NodesRepository;
  readonly nodePairRequests: NodePairRequestsRepository;
  readonly devices: DevicesRepository;
  readonly systemEvents: SystemEventsRepository;
}
import type { NodeMetadata, NodeSurface } from './nodes-repository.js';
import { commandRefusal, policyAllows, REFUSAL_TEXT, type NodeCommandConfig } from './node-command-policy.js';
import { handleNodeEvent, type NodeEventOutcome } from './node-events.js';
import { NodeInvocations, type NodeInvokeReport, type NodeInvokeRequest, type NodeInvokeSuccess } from './node-invocations.js';
import { NodePairing } from './node-pairing.js';
import { NodeRegistry } from './node-registry.js';
import { buildNodeRow, buildPairedNode, sortNodeRows, type NodeListRow, type PairedNodeView } from './node-rows.js';
import { surfaceOf } from './node-surface.js';

export interface NodeServiceDeps {
  store: NodeStore;
  bus: EventBus;
  presence: PresencePublisher;
  logger: Logger;
  /** Read on every use, so a config change applies without reconnecting nodes. */
  commandConfig(): NodeCommandConfig;
  now?: () => number;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Nodes end to end: live sessions, capability approval, invokes and node events. One instance
 * per listener; everything durable lives in the store (nodes, node_pair_requests).
 */
export class NodeService {
  readonly registry = new NodeRegistry();
  readonly invocations = new NodeInvocations();
  readonly pairing: NodePairing;
  private readonly now: () => number;

  constructor(private readonly deps: NodeServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.pairing = new NodePairing({
      nodes: deps.store.nodes,
      requests: deps.store.nodePairRequests,
      bus: deps.bus,
      deliverToNode: (nodeId, event, payload) => this.deliverToNode(nodeId, event, payload),
      now: this.now,
    });
  }

  commandConfig(): NodeCommandConfig {
    return this.deps.commandConfig();
  }

  /** Only what gateway policy could ever let through is worth asking an operator about. */
  requestableSurface(surface: NodeSurface): NodeSurface {
    const config = this.commandConfig();
    return { ...surface, commands: surface.commands.filter((command) => policyAllows(command, config)) };
  }

  /** A node socket finished its handshake (spec §4.4 step 12, §17.1). */
  attach(connection: Connection): void {
    const session = connection.session;
    if (session?.role !== 'node' || !session.deviceId) return;
    const nodeId = session.deviceId;
    const now = this.now();
    const { client } = session;
    const metadata: NodeMetadata = compact({
      displayName: client.displayName || undefined,
      platform: client.platform,
      version: client.version,
      deviceFamily: client.deviceFamily,
      modelIdentifier: client.modelIdentifier,
      clientId: client.id,
      clientMode: client.mode,
      // The handshake resolved it (behind gateway.trustedProxies: the forwarded address).
      remoteIp: connection.peer.local ? undefined : session.clientAddress,
    });
    const declared = surfaceOf(session.caps, session.commands, session.permissions);
    this.deps.store.nodes.recordConnect(nodeId, metadata, declared, now);
    this.registry.register({ nodeId, socket: connection, connectedAtMs: session.connectedAtMs, lastSeenAtMs: now, metadata, declared });
    const request = this.pairing.review({ nodeId, metadata, surface: this.requestableSurface(declared), silent: false });
    this.deps.logger.info(
      { nodeId, connId: connection.connId, declaredCommands: declared.commands.length, pendingRequestId: request?.requestId },
      'node connected',
    );
  }

  detach(connection: Connection): void {
    const nodeId = connection.session?.role === 'node' ? connection.session.deviceId : undefined;
    if (!nodeId || !this.registry.unregister(nodeId, connection.connId)) return;
    this.invocations.socketClosed(connection.connId);
    this.deps.store.nodes.touch(nodeId, this.now());
    this.deps.logger.info({ nodeId, connId: connection.connId }, 'node disconnected');
  }

  /** Checks that the node is connected and the command usable, then forwards it (spec §17.2). */
  async invoke(request: NodeInvokeRequest): Promise<NodeInvokeSuccess> {
    const live = this.registry.get(request.nodeId);
    if (!live) {
      throw new GatewayError(ErrorCode.unavailable, 'node not connected', {
        details: { code: 'NOT_CONNECTED', nodeId: request.nodeId },
        retryable: true,
      });
    }
    const approved = this.deps.store.nodes.get(request.nodeId)?.approved?.commands;
    const refusal = commandRefusal(request.command, live.declared.commands, approved, this.commandConfig());
    if (refusal) {
      throw invalidRequest(`node command not allowed: ${REFUSAL_TEXT[refusal]}`, {
        reason: refusal,
        nodeId: request.nodeId,
        command: request.command,
      });
    }
    return this.invocations.start(live.socket, request);
  }

  reportResult(report: NodeInvokeReport): boolean {
    return this.invocations.complete(report);
  }

  handleEvent(nodeId: string, event: string, payload: unknown): NodeEventOutcome {
    const row = this.row(nodeId);
    const outcome = handleNodeEvent(
      {
        systemEvents: this.deps.store.systemEvents,
        markAlive: (id, at) => {
          this.registry.touch(id, at);
          this.deps.store.nodes.touch(id, at);
          this.deps.presence.refresh(devicePresenceKey(id));
        },
        broadcast: (name, body) => this.deps.bus.broadcast(name, body),
        log: (level, fields, message) => this.deps.logger[level](fields, message),
        now: this.now,
      },
      { nodeId, nodeName: row?.displayName ?? nodeId, mayRunCommands: row?.commands.includes('system.run') === true },
      event,
      payload,
    );
    return outcome;
  }

  rows(): NodeListRow[] {
    const ids = new Set<string>([
      ...this.deps.store.nodes.list().map((record) => record.nodeId),
      ...this.deps.store.devices
        .list()
        .filter((device) => device.roles.includes('node'))
        .map((device) => device.deviceId),
      ...this.registry.all().map((live) => live.nodeId),
    ]);
    const config = this.commandConfig();
    return sortNodeRows([...ids].map((nodeId) => this.buildRow(nodeId, config)));
  }

  row(nodeId: string): NodeListRow | undefined {
    const { store } = this.deps;
    const known =
      store.nodes.get(nodeId) !== undefined ||
      this.registry.get(nodeId) !== undefined ||
      store.devices.get(nodeId)?.roles.includes('node') === true;
    return known ? this.buildRow(nodeId, this.commandConfig()) : undefined;
  }

  /** Nodes paired for the node role or with an approved surface (`node.pair.list`'s `paired`). */
  pairedNodes(): PairedNodeView[] {
    const { store } = this.deps;
    const records = new Map(store.nodes.list().map((record) => [record.nodeId, record]));
    const devices = new Map(
      store.devices
        .list()
        .filter((device) => device.roles.includes('node'))
        .map((device) => [device.deviceId, device]),
    );
    const approved = [...records.values()].filter((record) => record.approvedAtMs !== undefined).map((record) => record.nodeId);
    const ids = [...new Set([...devices.keys(), ...approved])].sort();
    return ids.flatMap((nodeId) => buildPairedNode(nodeId, records.get(nodeId), devices.get(nodeId)) ?? []);
  }

  rename(nodeId: string, displayName: string): boolean {
    if (!this.row(nodeId)) return false;
    this.deps.store.nodes.rename(nodeId, displayName, this.now());
    return true;
  }

  private buildRow(nodeId: string, config: NodeCommandConfig): NodeListRow {
    const { store } = this.deps;
    return buildNodeRow(nodeId, { record: store.nodes.get(nodeId), live: this.registry.get(nodeId), device: store.devices.get(nodeId), config });
  }

  private deliverToNode(nodeId: string, event: GatewayEventName, payload: unknown): void {
    for (const socket of this.registry.sockets(nodeId)) socket.sendDirectEvent(event, payload);
  }
}
