import type { GatewayEventName } from '../../../shared/protocol/events.js';
import type { NodeMetadata, NodeSurface } from './nodes-repository.js';

/** The part of a connection the node registry needs: enough to address events to it. */
export interface NodeSocket {
  readonly connId: string;
  sendDirectEvent(event: GatewayEventName, payload: unknown): void;
}

/** A node connected right now (nodeId = its device id). */
export interface LiveNode {
  nodeId: string;
  socket: NodeSocket;
  connectedAtMs: number;
  lastSeenAtMs: number;
  metadata: NodeMetadata;
  declared: NodeSurface;
}

/**
 * Live node sessions. A node may hold more than one socket (a reconnect racing the old socket's
 * close); the newest one receives invokes, and the node counts as connected while any is open.
 */
export class NodeRegistry {
  private readonly byNode = new Map<string, LiveNode[]>();

  register(node: LiveNode): void {
    const sessions = (this.byNode.get(node.nodeId) ?? []).filter((live) => live.socket.connId !== node.socket.connId);
    sessions.push(node);
    this.byNode.set(node.nodeId, sessions);
  }

  /** Forgets one socket; returns the session it belonged to, if any. */
  unregister(nodeId: string, connId: string): LiveNode | undefined {
    const sessions = this.byNode.get(nodeId);
    const gone = sessions?.find((live) => live.socket.connId === connId);
    if (!sessions || !gone) return undefined;
    const rest = sessions.filter((live) => live !== gone);
    if (rest.length > 0) this.byNode.set(nodeId, rest);
    else this.byNode.delete(nodeId);
    return gone;
  }

  /** The session that receives invokes for this node. */
  get(nodeId: string): LiveNode | undefined {
    return this.byNode.get(nodeId)?.at(-1);
  }

  sockets(nodeId: string): NodeSocket[] {
    return (this.byNode.get(nodeId) ?? []).map((live) => live.socket);
  }

  all(): LiveNode[] {
    return [...this.byNode.values()].map((sessions) => sessions.at(-1) as LiveNode);
  }

  touch(nodeId: string, at: number): void {
    for (const live of this.byNode.get(nodeId) ?? []) live.lastSeenAtMs = at;
  }
}
