import type WebSocket from 'ws';
import type { ErrorShape } from '../../shared/protocol/error-codes.js';
import { CallError, cliConnectFrame, openGatewaySocket } from './call-client.js';

/**
 * The operator connection `gatehouse onboard` keeps open while a person answers the wizard's
 * steps (`callGateway` is one request per connection; a wizard is many).
 */
export class OnboardConnection {
  private nextId = 1;
  private readonly pending = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>();
  private closedReason: string | undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      let frame: { type?: string; id?: string; ok?: boolean; payload?: unknown; error?: ErrorShape };
      try {
        frame = JSON.parse(data.toString()) as typeof frame;
      } catch {
        return;
      }
      if (frame.type !== 'res' || frame.id === undefined) return;
      const waiter = this.pending.get(frame.id);
      if (!waiter) return;
      this.pending.delete(frame.id);
      if (frame.ok) waiter.resolve(frame.payload);
      else waiter.reject(new CallError(frame.error ?? { code: 'UNAVAILABLE', message: 'failed' }));
    });
    ws.on('close', (code, reason) => {
      this.closedReason = `the gateway closed the connection (${code}${reason.length ? ` ${reason.toString()}` : ''})`;
      for (const waiter of this.pending.values()) waiter.reject(new Error(this.closedReason));
      this.pending.clear();
    });
  }

  /** Opens, answers the challenge and connects as an operator admin; throws when refused. */
  static async open(options: { url: string; token?: string; password?: string; tlsFingerprint?: string; timeoutMs: number }): Promise<OnboardConnection> {
    const ws = await openGatewaySocket(options.url, options.tlsFingerprint, options.timeoutMs);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer from ${options.url} within ${options.timeoutMs} ms`)), options.timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      ws.once('error', (error) => fail(new Error(`cannot reach the gateway at ${options.url}: ${error.message}`)));
      const onMessage = (data: WebSocket.RawData) => {
        let frame: { type?: string; event?: string; id?: string; ok?: boolean; error?: ErrorShape };
        try {
          frame = JSON.parse(data.toString()) as typeof frame;
        } catch {
          return;
        }
        if (frame.type === 'event' && frame.event === 'connect.challenge') {
          ws.send(JSON.stringify(cliConnectFrame('onboard-connect', options, ['operator.admin'])));
        } else if (frame.type === 'res' && frame.id === 'onboard-connect') {
          ws.off('message', onMessage);
          clearTimeout(timer);
          if (frame.ok) resolve();
          else reject(new CallError(frame.error ?? { code: 'UNAVAILABLE', message: 'connect failed' }));
        }
      };
      ws.on('message', onMessage);
    });
    ws.on('error', () => undefined);
    return new OnboardConnection(ws);
  }

  request(method: string, params: unknown): Promise<unknown> {
    if (this.closedReason) return Promise.reject(new Error(this.closedReason));
    const id = `onboard-${this.nextId++}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ type: 'req', id, method, params }));
    });
  }

  close(): void {
    this.ws.removeAllListeners('close');
    this.ws.close();
  }
}
