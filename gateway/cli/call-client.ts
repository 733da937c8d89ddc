import WebSocket from 'ws';
import { connectPinnedTls } from '../../shared/gateway-host/pinned-tls.js';
import type { ErrorShape } from '../../shared/protocol/error-codes.js';
import { GATEHOUSE_VERSION } from '../core/runtime/version.js';

export interface CallOptions {
  url: string;
  token?: string;
  password?: string;
  method: string;
  params: unknown;
  timeoutMs: number;
  /** For a `wss://` URL: accept only a certificate with this SHA-256 fingerprint (the local gateway's own). */
  tlsFingerprint?: string;
}

/** The socket for `url`: over a pinned TLS connection when a fingerprint is given for wss://. */
export async function openGatewaySocket(url: string, tlsFingerprint: string | undefined, timeoutMs: number): Promise<WebSocket> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'wss:' || !tlsFingerprint) return new WebSocket(url, { perMessageDeflate: false });
  const host = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  let socket;
  try {
    socket = await connectPinnedTls(host, Number(parsed.port || 443), tlsFingerprint, timeoutMs);
  } catch (error) {
    throw new Error(`cannot reach the gateway at ${url}: ${(error as Error).message}`, { cause: error });
  }
  return new WebSocket(url, { perMessageDeflate: false, createConnection: () => socket });
}

/** The CLI's `connect` request: no device identity, the shared token or password, the scopes asked for. */
export function cliConnectFrame(id: string, credentials: { token?: string; password?: string }, scopes: readonly string[]): object {
  const auth: Record<string, string> = {};
  if (credentials.token) auth.token = credentials.token;
  if (credentials.password) auth.password = credentials.password;
  return {
    type: 'req',
    id,
    method: 'connect',
    params: {
      minProtocol: 3,
      maxProtocol: 4,
      client: { id: 'cli', version: GATEHOUSE_VERSION, platform: process.platform, mode: 'cli' },
      role: 'operator',
      scopes,
      auth,
    },
  };
}

export class CallError extends Error {
  constructor(readonly error: ErrorShape) {
    super(`${error.code}: ${error.message}`);
  }
}

/**
 * A one-shot operator connection for the CLI: challenge, connect, one request, close.
 * It connects without a device identity, so full scopes are granted only over loopback.
 */
export async function callGateway(options: CallOptions): Promise<unknown> {
  const ws = await openGatewaySocket(options.url, options.tlsFingerprint, options.timeoutMs);
  const connectId = 'cli-connect';
  const requestId = 'cli-request';
  try {
    return await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer from ${options.url} within ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
      const finish = (fn: () => void) => {
        clearTimeout(timer);
        fn();
      };
      ws.on('error', (error) => finish(() => reject(new Error(`cannot reach the gateway at ${options.url}: ${error.message}`))));
      ws.on('close', (code, reason) =>
        finish(() => reject(new Error(`the gateway closed the connection (${code}${reason.length ? ` ${reason.toString()}` : ''})`))),
      );
      ws.on('message', (data) => {
        let frame: { type?: string; event?: string; id?: string; ok?: boolean; payload?: unknown; error?: ErrorShape };
        try {
          frame = JSON.parse(data.toString()) as typeof frame;
        } catch {
          return;
        }
        if (frame.type === 'event' && frame.event === 'connect.challenge') {
          ws.send(JSON.stringify(cliConnectFrame(connectId, options, ['operator.admin', 'operator.approvals', 'operator.pairing'])));
          return;
        }
        if (frame.type !== 'res') return;
        if (frame.id === connectId) {
          if (!frame.ok) finish(() => reject(new CallError(frame.error ?? { code: 'UNAVAILABLE', message: 'connect failed' })));
          else ws.send(JSON.stringify({ type: 'req', id: requestId, method: options.method, params: options.params }));
          return;
        }
        if (frame.id === requestId) {
          const status = (frame.payload as { status?: string } | undefined)?.status;
          if (frame.ok && status === 'accepted') return; // two-phase methods: wait for the final answer
          finish(() => (frame.ok ? resolve(frame.payload) : reject(new CallError(frame.error ?? { code: 'UNAVAILABLE', message: 'failed' }))));
        }
      });
    });
  } finally {
    ws.removeAllListeners('close');
    ws.on('error', () => undefined);
    ws.close();
  }
}
