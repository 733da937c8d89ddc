/**
 * "Is there a healthy gateway on this port?", asked the way the architecture prescribes: first
 * HTTP `GET /healthz` with a short timeout, then a real protocol handshake (challenge →
 * connect → a response). A gateway that answers both is healthy, even when it refuses our
 * token: it still owns the port, and the operator connection will say what is wrong.
 */
import WebSocket from 'ws';

export interface HealthzResult {
  ok: boolean;
  /** `gatehouse` for ours; other gateways may name themselves differently or not at all. */
  service?: string;
  version?: string;
  bootId?: string;
  /** Why it is not ok: refused, timeout, HTTP status, … */
  problem?: string;
}

export type HandshakeResult =
  | { kind: 'hello-ok'; protocol: number; bootId?: string; serverVersion?: string }
  /** The gateway spoke the protocol but said no (usually a token that does not match). */
  | { kind: 'rejected'; code: string; detailCode?: string; message: string }
  | { kind: 'failed'; problem: string };

export interface GatewayHealth {
  healthy: boolean;
  healthz: HealthzResult;
  handshake?: HandshakeResult;
}

/** What the supervisor uses to look at a port; tests may hand in a different one. */
export interface GatewayProbe {
  healthz(httpUrl: string): Promise<HealthzResult>;
  check(urls: { httpUrl: string; wsUrl: string; token?: string }): Promise<GatewayHealth>;
}

export interface HttpGatewayProbeOptions {
  healthzTimeoutMs?: number;
  handshakeTimeoutMs?: number;
  clientVersion?: string;
}

export class HttpGatewayProbe implements GatewayProbe {
  readonly #healthzTimeoutMs: number;
  readonly #handshakeTimeoutMs: number;
  readonly #clientVersion: string;

  constructor(options: HttpGatewayProbeOptions = {}) {
    this.#healthzTimeoutMs = options.healthzTimeoutMs ?? 1_000;
    this.#handshakeTimeoutMs = options.handshakeTimeoutMs ?? 3_000;
    this.#clientVersion = options.clientVersion ?? '0.0.0';
  }

  healthz(httpUrl: string): Promise<HealthzResult> {
    return probeHealthz(httpUrl, this.#healthzTimeoutMs);
  }

  async check({ httpUrl, wsUrl, token }: { httpUrl: string; wsUrl: string; token?: string }): Promise<GatewayHealth> {
    const healthz = await this.healthz(httpUrl);
    if (!healthz.ok) return { healthy: false, healthz };
    const handshake = await probeHandshake(wsUrl, { token, timeoutMs: this.#handshakeTimeoutMs, clientVersion: this.#clientVersion });
    return { healthy: handshake.kind !== 'failed', healthz, handshake };
  }
}

export async function probeHealthz(httpUrl: string, timeoutMs: number): Promise<HealthzResult> {
  try {
    const response = await fetch(new URL('/healthz', httpUrl), { signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    if (!response.ok) return { ok: false, problem: `HTTP ${response.status}` };
    const body = parseObject(text);
    if (body?.['ok'] === false) return { ok: false, problem: '/healthz says ok:false' };
    return {
      ok: true,
      service: stringField(body, 'service'),
      version: stringField(body, 'version'),
      bootId: stringField(body, 'bootId'),
    };
  } catch (error) {
    return { ok: false, problem: describeFetchError(error) };
  }
}

/**
 * One handshake as a probe client (`openclaw-probe` / mode `probe`, which real v4 gateways also
 * accept), then close. Never throws.
 */
export function probeHandshake(
  wsUrl: string,
  options: { token?: string; timeoutMs: number; clientVersion: string },
): Promise<HandshakeResult> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = new WebSocket(wsUrl, { perMessageDeflate: false, handshakeTimeout: options.timeoutMs });
    const finish = (result: HandshakeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (socket.readyState === WebSocket.OPEN) socket.close(1000);
      else socket.terminate();
      resolve(result);
    };
    const deadline = setTimeout(() => finish({ kind: 'failed', problem: `no handshake within ${options.timeoutMs} ms` }), options.timeoutMs);
    socket.on('error', (error) => finish({ kind: 'failed', problem: error.message }));
    socket.on('close', (code) => finish({ kind: 'failed', problem: `closed (${code}) before the handshake finished` }));
    socket.on('message', (data: WebSocket.RawData) => {
      const frame = parseObject(rawText(data));
      if (!frame) return;
      if (frame['type'] === 'event' && frame['event'] === 'connect.challenge') {
        socket.send(JSON.stringify(connectFrame(options.token, options.clientVersion)));
        return;
      }
      if (frame['type'] !== 'res' || frame['id'] !== PROBE_REQUEST_ID) return;
      if (frame['ok'] === true) {
        const payload = asObject(frame['payload']);
        const server = asObject(payload?.['server']);
        finish({
          kind: 'hello-ok',
          protocol: typeof payload?.['protocol'] === 'number' ? payload['protocol'] : 0,
          bootId: stringField(server, 'bootId'),
          serverVersion: stringField(server, 'version'),
        });
        return;
      }
      const error = asObject(frame['error']);
      finish({
        kind: 'rejected',
        code: stringField(error, 'code') ?? 'UNKNOWN',
        detailCode: stringField(asObject(error?.['details']), 'code'),
        message: stringField(error, 'message') ?? 'connect refused',
      });
    });
  });
}

const PROBE_REQUEST_ID = 'gatehouse-supervisor-probe';

function connectFrame(token: string | undefined, clientVersion: string): Record<string, unknown> {
  return {
    type: 'req',
    id: PROBE_REQUEST_ID,
    method: 'connect',
    params: {
      minProtocol: 3,
      maxProtocol: 4,
      client: { id: 'openclaw-probe', displayName: 'Gatehouse supervisor probe', version: clientVersion, platform: process.platform, mode: 'probe' },
      role: 'operator',
      scopes: [],
      ...(token ? { auth: { token } } : {}),
    },
  };
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    return asObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringField(object: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? value : undefined;
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer from /healthz in time';
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  if (cause?.code === 'ECONNREFUSED') return 'nothing is listening';
  return error instanceof Error ? error.message : String(error);
}
