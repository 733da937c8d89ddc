import { randomUUID } from 'node:crypto';
import { ErrorCode, GatewayError } from '../../../shared/protocol/error-codes.js';
import type { NodeSocket } from './node-registry.js';

export interface NodeInvokeRequest {
  nodeId: string;
  command: string;
  params?: unknown;
  timeoutMs: number;
  idempotencyKey: string;
}

/** What `node.invoke` answers the operator on success (spec §17.2 step 5). */
export interface NodeInvokeSuccess {
  ok: true;
  nodeId: string;
  command: string;
  payload: unknown;
  payloadJSON: string | null;
}

/** What a node reports with `node.invoke.result`. */
export interface NodeInvokeReport {
  id: string;
  nodeId: string;
  ok: boolean;
  payload?: unknown;
  payloadJSON?: string;
  error?: { code?: string; message?: string };
}

interface PendingInvoke {
  nodeId: string;
  command: string;
  socket: NodeSocket;
  timer: NodeJS.Timeout;
  resolve(value: NodeInvokeSuccess): void;
  reject(error: GatewayError): void;
}

/** An error the node itself reported, or one that happened after the command was dispatched. */
function nodeError(code: string, message: string, extra: Record<string, unknown> = {}): GatewayError {
  return new GatewayError(ErrorCode.unavailable, `${code}: ${message}`, {
    details: { ...extra, nodeError: { code, message }, nodeCommandDispatched: true },
    retryable: false,
  });
}

function parsePayload(report: NodeInvokeReport): unknown {
  if (report.payload !== undefined) return report.payload;
  if (report.payloadJSON === undefined) return null;
  try {
    return JSON.parse(report.payloadJSON) as unknown;
  } catch {
    return null;
  }
}

/**
 * Invokes in flight (spec §17.2): each is a `node.invoke.request` sent to one node socket that
 * ends with the node's `node.invoke.result`, its deadline, or the socket closing.
 */
export class NodeInvocations {
  private readonly pending = new Map<string, PendingInvoke>();

  start(socket: NodeSocket, request: NodeInvokeRequest): Promise<NodeInvokeSuccess> {
    const id = randomUUID();
    return new Promise<NodeInvokeSuccess>((resolve, reject) => {
      const timer = setTimeout(() => this.expire(id, request.timeoutMs), request.timeoutMs);
      this.pending.set(id, { nodeId: request.nodeId, command: request.command, socket, timer, resolve, reject });
      socket.sendDirectEvent('node.invoke.request', {
        id,
        nodeId: request.nodeId,
        command: request.command,
        paramsJSON: request.params === undefined ? null : JSON.stringify(request.params),
        timeoutMs: request.timeoutMs,
        idempotencyKey: request.idempotencyKey,
      });
    });
  }

  /** Settles the invoke a node reports on; false when the id is unknown or already settled. */
  complete(report: NodeInvokeReport): boolean {
    const invoke = this.pending.get(report.id);
    if (!invoke || invoke.nodeId !== report.nodeId) return false;
    this.settle(report.id, invoke);
    if (report.ok) {
      invoke.resolve({
        ok: true,
        nodeId: invoke.nodeId,
        command: invoke.command,
        payload: parsePayload(report),
        payloadJSON: report.payloadJSON ?? null,
      });
    } else {
      const code = report.error?.code?.trim() || 'UNAVAILABLE';
      const message = report.error?.message?.trim() || 'node command failed';
      invoke.reject(nodeError(code, message));
    }
    return true;
  }

  /** The socket an invoke went to has closed: its answer can never come. */
  socketClosed(connId: string): void {
    for (const [id, invoke] of this.pending) {
      if (invoke.socket.connId !== connId) continue;
      this.settle(id, invoke);
      invoke.reject(
        new GatewayError(ErrorCode.unavailable, 'node disconnected', {
          details: {
            code: 'NOT_CONNECTED',
            nodeError: { code: 'NOT_CONNECTED', message: 'node disconnected' },
            nodeCommandDispatched: true,
          },
          retryable: false,
        }),
      );
    }
  }

  get size(): number {
    return this.pending.size;
  }

  private expire(id: string, timeoutMs: number): void {
    const invoke = this.pending.get(id);
    if (!invoke) return;
    this.settle(id, invoke);
    invoke.socket.sendDirectEvent('node.invoke.cancel', { invokeId: id, nodeId: invoke.nodeId });
    invoke.reject(nodeError('TIMEOUT', `node did not answer within ${timeoutMs} ms`));
  }

  private settle(id: string, invoke: PendingInvoke): void {
    clearTimeout(invoke.timer);
    this.pending.delete(id);
  }
}
