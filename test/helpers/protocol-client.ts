import WebSocket from 'ws';
import { createTestDevice, signDevicePayload, type TestDevice } from './device-keys.js';
import { recordOwnSchemaViolations } from './own-schemas.js';

export type Frame = Record<string, any>;

export interface CloseInfo {
  code: number;
  reason: string;
}

/**
 * A hand-written protocol client for tests: it records every frame and lets a test wait for
 * the one it expects, so a test reads as the conversation it checks.
 */
export class RawClient {
  readonly frames: Frame[] = [];
  readonly rawTexts: string[] = [];
  private waiters: { predicate: (frame: Frame) => boolean; resolve: (frame: Frame) => void }[] = [];
  private nextId = 1;
  /** The method of every request sent, by id: a response is validated by the method it answers. */
  private readonly methods = new Map<string, string>();
  readonly closed: Promise<CloseInfo>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      this.rawTexts.push(text);
      let frame: Frame;
      try {
        frame = JSON.parse(text) as Frame;
      } catch {
        return;
      }
      this.frames.push(frame);
      recordOwnSchemaViolations(frame, { method: frame.type === 'res' ? this.methods.get(String(frame.id)) : undefined });
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.predicate(frame)) return true;
        waiter.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('error', () => undefined);
  }

  static open(url: string, options: { headers?: Record<string, string>; path?: string } = {}): Promise<RawClient> {
    const target = options.path ? new URL(options.path, url.replace('ws:', 'http:')).toString().replace('http:', 'ws:') : url;
    const ws = new WebSocket(target, { headers: options.headers, perMessageDeflate: false });
    const client = new RawClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  next(predicate: (frame: Frame) => boolean, timeoutMs = 5_000, description = 'frame'): Promise<Frame> {
    const existing = this.frames.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${description}; got ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      });
    });
  }

  /** Waits for a frame that arrives after this call (ignores what is already recorded). */
  nextNew(predicate: (frame: Frame) => boolean, timeoutMs = 5_000, description = 'frame'): Promise<Frame> {
    const seen = new Set(this.frames);
    return this.next((frame) => !seen.has(frame) && predicate(frame), timeoutMs, description);
  }

  event(name: string, timeoutMs = 5_000): Promise<Frame> {
    return this.next((frame) => frame.type === 'event' && frame.event === name, timeoutMs, `event ${name}`);
  }

  events(name: string): Frame[] {
    return this.frames.filter((frame) => frame.type === 'event' && frame.event === name);
  }

  async challenge(): Promise<{ nonce: string; ts: number }> {
    const frame = await this.event('connect.challenge');
    return frame.payload as { nonce: string; ts: number };
  }

  send(value: unknown): void {
    this.rememberMethod(value);
    this.ws.send(typeof value === 'string' || Buffer.isBuffer(value) ? value : JSON.stringify(value));
  }

  private rememberMethod(value: unknown): void {
    let frame: unknown = value;
    if (typeof value === 'string') {
      try {
        frame = JSON.parse(value);
      } catch {
        return;
      }
    }
    if (typeof frame !== 'object' || frame === null) return;
    const { type, id, method } = frame as { type?: unknown; id?: unknown; method?: unknown };
    if (type === 'req' && typeof id === 'string' && typeof method === 'string') this.methods.set(id, method);
  }

  response(id: string, timeoutMs = 5_000): Promise<Frame> {
    return this.next((frame) => frame.type === 'res' && frame.id === id, timeoutMs, `response ${id}`);
  }

  async request(method: string, params?: unknown, timeoutMs = 5_000): Promise<Frame> {
    const id = `t-${this.nextId++}`;
    this.send(params === undefined ? { type: 'req', id, method } : { type: 'req', id, method, params });
    return this.response(id, timeoutMs);
  }

  /** Resolves the payload of a successful call; throws with the error frame otherwise. */
  async call(method: string, params?: unknown): Promise<any> {
    const frame = await this.request(method, params);
    if (!frame.ok) throw new Error(`${method} failed: ${JSON.stringify(frame.error)}`);
    return frame.payload;
  }

  close(): void {
    this.ws.close();
  }
}

export interface ConnectOptions {
  token?: string;
  password?: string;
  deviceToken?: string;
  /** A device identity to prove; null = connect without one. Default: a fresh device. */
  device?: TestDevice | null;
  role?: string;
  scopes?: string[];
  minProtocol?: number;
  maxProtocol?: number;
  client?: Record<string, string>;
  signatureVersion?: 'v1' | 'v2' | 'v3';
  nonce?: string | null;
  signedAt?: number;
  caps?: string[];
  /** Nodes: the commands and OS permission toggles to declare (spec §4.3). */
  commands?: string[];
  permissions?: Record<string, boolean>;
  headers?: Record<string, string>;
  path?: string;
}

export function buildConnectParams(challenge: { nonce: string; ts: number }, options: ConnectOptions): Frame {
  const client: { id: string; mode: string; platform: string; deviceFamily?: string } & Record<string, string> = {
    id: 'test',
    version: '1.0.0',
    platform: 'linux',
    mode: 'test',
    ...options.client,
  };
  const auth: Record<string, string> = {};
  if (options.token !== undefined) auth.token = options.token;
  if (options.password !== undefined) auth.password = options.password;
  if (options.deviceToken !== undefined) auth.deviceToken = options.deviceToken;
  const params: Frame = { minProtocol: options.minProtocol ?? 3, maxProtocol: options.maxProtocol ?? 3, client, auth };
  if (options.role !== undefined) params.role = options.role;
  if (options.scopes !== undefined) params.scopes = options.scopes;
  if (options.caps !== undefined) params.caps = options.caps;
  if (options.commands !== undefined) params.commands = options.commands;
  if (options.permissions !== undefined) params.permissions = options.permissions;
  const device = options.device === undefined ? createTestDevice() : options.device;
  if (device) {
    const signedAt = options.signedAt ?? challenge.ts;
    const nonce = options.nonce === null ? '' : (options.nonce ?? challenge.nonce);
    const version = options.signatureVersion ?? 'v3';
    const signature = signDevicePayload(device, version, {
      clientId: client.id,
      clientMode: client.mode,
      role: options.role ?? 'operator',
      scopes: options.scopes ?? [],
      signedAtMs: signedAt,
      token: auth.token ?? auth.deviceToken ?? '',
      nonce,
      platform: client.platform,
      deviceFamily: client.deviceFamily,
    });
    params.device = { id: device.id, publicKey: device.publicKeyRaw, signature, signedAt, ...(options.nonce === null ? {} : { nonce }) };
  }
  return params;
}

/** Opens a socket, answers the challenge with `connect`, and returns the client and its response. */
export async function attemptConnect(url: string, options: ConnectOptions = {}): Promise<{ client: RawClient; response: Frame }> {
  const client = await RawClient.open(url, { headers: options.headers, path: options.path });
  const challenge = await client.challenge();
  client.send({ type: 'req', id: 'connect-1', method: 'connect', params: buildConnectParams(challenge, options) });
  const response = await client.response('connect-1');
  return { client, response };
}

export async function connectClient(url: string, options: ConnectOptions = {}): Promise<{ client: RawClient; hello: Frame }> {
  const { client, response } = await attemptConnect(url, options);
  if (!response.ok) throw new Error(`connect failed: ${JSON.stringify(response.error)}`);
  return { client, hello: response.payload as Frame };
}
