import { randomUUID } from 'node:crypto';
import type { GatewayEventName } from '../../../shared/protocol/events.js';
import type { EventBus } from '../../core/events/event-bus.js';
import type { NodePairRequest, NodePairRequestsRepository } from './node-pair-requests-repository.js';
import type { NodeMetadata, NodeRecord, NodeSurface, NodesRepository } from './nodes-repository.js';
import { mergeSurfaces, sameSurface, surfaceOf, widerThan } from './node-surface.js';

export interface NodePairingDeps {
  nodes: NodesRepository;
  requests: NodePairRequestsRepository;
  bus: EventBus;
  /** Pushes an addressed event (no seq) to the node's own live sockets. */
  deliverToNode(nodeId: string, event: GatewayEventName, payload: unknown): void;
  now?: () => number;
}

export interface NodeRequestInput {
  nodeId: string;
  metadata: NodeMetadata;
  surface: NodeSurface;
  silent: boolean;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function metadataOf(request: NodePairRequest): NodeMetadata {
  return compact({
    displayName: request.displayName,
    platform: request.platform,
    version: request.version,
    coreVersion: request.coreVersion,
    uiVersion: request.uiVersion,
    deviceFamily: request.deviceFamily,
    modelIdentifier: request.modelIdentifier,
    remoteIp: request.remoteIp,
  });
}

function requestSurface(request: NodePairRequest): NodeSurface {
  return surfaceOf(request.caps, request.commands, request.permissions);
}

/**
 * Node capability approval (spec §10.3, v4 model): a node's declared surface is usable only as
 * far as an operator approved it. Requests are durable and never expire; a newer request for the
 * same node supersedes older ones.
 */
export class NodePairing {
  private readonly now: () => number;

  constructor(private readonly deps: NodePairingDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Connect-time review: opens (or reuses) a request when the node offers more than was approved. */
  review(input: NodeRequestInput): NodePairRequest | undefined {
    const record = this.deps.nodes.get(input.nodeId);
    if (!widerThan(input.surface, record?.approved)) return undefined;
    return this.open(input).request;
  }

  /** Opens a request for exactly this surface, reusing a pending one that asks for the same. */
  open(input: NodeRequestInput): { created: boolean; request: NodePairRequest } {
    const { requests, bus } = this.deps;
    const pending = requests.pendingForNode(input.nodeId);
    const same = pending.find((request) => sameSurface(requestSurface(request), input.surface));
    if (same) return { created: false, request: same };
    const now = this.now();
    for (const older of pending) {
      if (requests.resolve(older.requestId, 'superseded', now)) this.announce(older, 'rejected', false);
    }
    const { metadata } = input;
    const request: NodePairRequest = compact({
      requestId: randomUUID(),
      nodeId: input.nodeId,
      displayName: metadata.displayName,
      platform: metadata.platform,
      version: metadata.version,
      coreVersion: metadata.coreVersion,
      uiVersion: metadata.uiVersion,
      deviceFamily: metadata.deviceFamily,
      modelIdentifier: metadata.modelIdentifier,
      caps: input.surface.caps,
      commands: input.surface.commands,
      permissions: input.surface.permissions,
      remoteIp: metadata.remoteIp,
      silent: input.silent,
      ts: now,
    });
    requests.insert(request);
    bus.broadcast('node.pair.requested', request);
    return { created: true, request };
  }

  pendingRequest(requestId: string): NodePairRequest | undefined {
    const found = this.deps.requests.get(requestId);
    return found?.status === 'pending' ? found.request : undefined;
  }

  pending(): NodePairRequest[] {
    return this.deps.requests.pending();
  }

  /** Widens the node's approved surface by the request's; the live node sees it at once. */
  approve(requestId: string, approvedBy: string): { request: NodePairRequest; node: NodeRecord } | undefined {
    const request = this.pendingRequest(requestId);
    if (!request) return undefined;
    const now = this.now();
    if (!this.deps.requests.resolve(requestId, 'approved', now, approvedBy)) return undefined;
    // A node known only from a legacy node.pair.request gets its metadata from the request.
    this.deps.nodes.recordMetadataIfUnknown(request.nodeId, metadataOf(request), now);
    const existing = this.deps.nodes.get(request.nodeId);
    const node = this.deps.nodes.saveApproval(request.nodeId, mergeSurfaces(existing?.approved, requestSurface(request)), now, approvedBy);
    this.announce(request, 'approved', true);
    return { request, node };
  }

  reject(requestId: string, rejectedBy: string): NodePairRequest | undefined {
    const request = this.pendingRequest(requestId);
    if (!request || !this.deps.requests.resolve(requestId, 'rejected', this.now(), rejectedBy)) return undefined;
    this.announce(request, 'rejected', true);
    return request;
  }

  private announce(request: NodePairRequest, decision: 'approved' | 'rejected', toNode: boolean): void {
    const payload = { requestId: request.requestId, nodeId: request.nodeId, decision, ts: this.now() };
    this.deps.bus.broadcast('node.pair.resolved', payload);
    if (toNode) this.deps.deliverToNode(request.nodeId, 'node.pair.resolved', payload);
  }
}
