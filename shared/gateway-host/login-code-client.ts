import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { connectPinnedTls } from './pinned-tls.js';

/** The login-code route below `gateway.controlUi.basePath` (gateway/features/control-ui). */
export const LOGIN_CODE_ROUTE = 'api/login-code';

export interface LoginCodeRequest {
  /** The gateway's WebSocket URL (ws:// or wss://, host and port); the HTTP origin is the same. */
  gatewayUrl: string;
  basePath: string;
  /** The shared token or password: the route takes only the admin credential. */
  secret: string;
  /** For wss://: the SHA-256 fingerprint the gateway's certificate must have. */
  tlsFingerprint?: string;
  timeoutMs?: number;
}

export interface LoginCode {
  code: string;
  expiresAtMs: number;
  /** `<origin><basePath>#code=<code>`: what to open in a browser. */
  url: string;
}

export type LoginCodeFailure =
  | { kind: 'unreachable'; message: string }
  | { kind: 'disabled'; message: string }
  | { kind: 'refused'; status: number; message: string };

export class LoginCodeError extends Error {
  constructor(readonly failure: LoginCodeFailure) {
    super(failure.message);
  }
}

function isLoginCode(value: unknown): value is LoginCode {
  const body = value as Partial<LoginCode> | null;
  return typeof body?.code === 'string' && typeof body.url === 'string' && typeof body.expiresAtMs === 'number';
}

/**
 * Mints a one-time Control UI login code from a running gateway: `POST <basePath>api/login-code`
 * with the secret as bearer, over TLS pinned to the fingerprint when the gateway serves wss://.
 * `gatehouse dashboard` and the tray's "Open Control UI" both use it.
 */
export async function requestLoginCode(options: LoginCodeRequest): Promise<LoginCode> {
  const parsed = new URL(options.gatewayUrl);
  const secure = parsed.protocol === 'wss:' || parsed.protocol === 'https:';
  const host = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  const port = Number(parsed.port || (secure ? 443 : 80));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const where = `${secure ? 'https' : 'http'}://${parsed.host}`;
  if (secure && !options.tlsFingerprint) {
    throw new LoginCodeError({ kind: 'unreachable', message: `the gateway at ${where} uses TLS, but its certificate fingerprint is unknown (is the certificate file readable?)` });
  }
  let socket: TLSSocket | undefined;
  if (secure) {
    try {
      socket = await connectPinnedTls(host, port, options.tlsFingerprint as string, timeoutMs);
    } catch (error) {
      throw new LoginCodeError({ kind: 'unreachable', message: (error as Error).message });
    }
  }
  const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest(
      {
        host,
        port,
        method: 'POST',
        path: `${options.basePath}${LOGIN_CODE_ROUTE}`,
        headers: { authorization: `Bearer ${options.secret}`, host: parsed.host, 'content-length': '0' },
        timeout: timeoutMs,
        ...(socket ? { createConnection: () => socket as TLSSocket } : {}),
      },
      (res: IncomingMessage) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end();
  }).catch((error: Error) => {
    throw new LoginCodeError({ kind: 'unreachable', message: `no gateway is answering at ${where} (${error.message})` });
  });
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = undefined;
  }
  if (response.status === 200 && isLoginCode(body)) return body;
  if (response.status === 404) {
    throw new LoginCodeError({ kind: 'disabled', message: `the gateway at ${where} does not serve the Control UI at ${options.basePath} (is gateway.controlUi.enabled false?)` });
  }
  const reason = typeof (body as { error?: unknown } | undefined)?.error === 'string' ? (body as { error: string }).error : `HTTP ${response.status}`;
  throw new LoginCodeError({ kind: 'refused', status: response.status, message: `the gateway refused to mint a login code: ${reason}` });
}
