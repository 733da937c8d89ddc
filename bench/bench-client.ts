import WebSocket, { type RawData } from 'ws';
import { NATIVE_PROTOCOL_VERSION } from '../shared/protocol/versions.js';
import { closePolitely } from './close-politely.js';

/**
 * The smallest protocol client that can drive a benchmark: challenge → connect → requests, with
 * as little client-side work per frame as possible so the numbers describe the server.
 *
 * - Events are recognised by their prefix (`{"type":"event","event":"<name>"`) and handed over as
 *   raw bytes without JSON.parse; a fan-out listener only needs to find a marker in them.
 * - Responses are parsed and routed to a per-request callback (no promise or timer per call), so
 *   hundreds of pipelined requests cost one Map entry each.
 * - Frames in another key order still work through a JSON.parse fallback.
 */

export interface ErrorShape {
  code: string;
  message: string;
  retryable?: boolean;
  retryAfterMs?: number;
}

export interface Response {
  id: string;
  ok: boolean;
  payload?: unknown;
  error?: ErrorShape;
}

export type ResponseCallback = (response: Response, receivedAt: number) => void;
export type EventListener = (event: string, raw: Buffer, receivedAt: number) => void;

export interface CloseInfo {
  code: number;
  reason: string;
  /** False when the bench asked for the close itself. */
  unexpected: boolean;
}

/** performance.now() stamps of one handshake. */
export interface HandshakeTiming {
  startedAt: number;
  openedAt: number;
  challengeAt: number;
  helloAt: number;
}

export interface ConnectOptions {
  token: string;
  clientId?: string;
  /** `cli` keeps the client out of presence (no broadcast to everyone per connect); default `backend`. */
  mode?: string;
  timeoutMs?: number;
}

/** A connect answered with an error frame (the server said no, as opposed to a broken socket). */
export class HandshakeRejectedError extends Error {
  constructor(readonly error: ErrorShape | undefined) {
    super(`connect rejected: ${error ? `${error.code} ${error.message}` : 'no hello-ok'}`);
  }

  get retryable(): boolean {
    return this.error?.retryable === true;
  }
}

export const CLOSED_ERROR_CODE = 'BENCH_CONNECTION_CLOSED';
const EVENT_PREFIX = Buffer.from('{"type":"event","event":"');
const QUOTE = 0x22;

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class BenchClient {
  /** Frames the client could not parse: always 0 against a healthy server. */
  malformedFrames = 0;
  closeInfo: CloseInfo | undefined;
  readonly closed: Promise<CloseInfo>;

  private readonly pending = new Map<string, ResponseCallback>();
  private nextId = 1;
  private closing = false;
  private eventListener: EventListener | undefined;
  private challenge: { nonce: string; receivedAt: number } | undefined;
  private challengeWaiter: ((receivedAt: number) => void) | undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => this.onMessage(data));
    ws.on('error', () => undefined); // surfaced through 'close' and the connect promise
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString('utf8'), unexpected: !this.closing };
        this.failPending(`connection closed (${code}${reason.length > 0 ? ` ${reason.toString('utf8')}` : ''})`);
        resolve(this.closeInfo);
      }),
    );
  }

  /** Opens a socket and completes the handshake; throws HandshakeRejectedError on an error reply. */
  static async connect(url: string, options: ConnectOptions): Promise<{ client: BenchClient; timing: HandshakeTiming; hello: Record<string, unknown> }> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const startedAt = performance.now();
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const client = new BenchClient(ws);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`handshake with ${url} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([client.handshake(options, startedAt), deadline]);
    } catch (error) {
      client.terminate();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async handshake(options: ConnectOptions, startedAt: number): Promise<{ client: BenchClient; timing: HandshakeTiming; hello: Record<string, unknown> }> {
    const openedAt = await new Promise<number>((resolve, reject) => {
      this.ws.once('open', () => resolve(performance.now()));
      this.ws.once('error', reject);
      void this.closed.then((info) => reject(new Error(`socket closed before open (${info.code})`)));
    });
    const challengeAt = await new Promise<number>((resolve, reject) => {
      if (this.challenge) resolve(this.challenge.receivedAt);
      else this.challengeWaiter = resolve;
      void this.closed.then((info) => reject(new Error(`socket closed before connect.challenge (${info.code} ${info.reason})`)));
    });
    const params = {
      minProtocol: NATIVE_PROTOCOL_VERSION,
      maxProtocol: NATIVE_PROTOCOL_VERSION,
      client: { id: options.clientId ?? 'bench', version: '1', platform: 'linux', mode: options.mode ?? 'backend' },
      auth: { token: options.token },
    };
    const { response, receivedAt } = await new Promise<{ response: Response; receivedAt: number }>((resolve) => {
      this.pending.set('c', (response, at) => resolve({ response, receivedAt: at }));
      this.ws.send(JSON.stringify({ type: 'req', id: 'c', method: 'connect', params }));
    });
    const payload = response.payload;
    if (!response.ok || !isRecord(payload) || payload.type !== 'hello-ok') throw new HandshakeRejectedError(response.error);
    return { client: this, timing: { startedAt, openedAt, challengeAt, helloAt: receivedAt }, hello: payload };
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** One listener for every event except connect.challenge; `raw` is the whole frame. */
  onEvent(listener: EventListener | undefined): void {
    this.eventListener = listener;
  }

  /** Sends a request; the callback runs exactly once, with the response or a synthetic failure. */
  send(method: string, params: unknown, onResponse: ResponseCallback): string {
    const id = `r${this.nextId++}`;
    if (this.ws.readyState !== WebSocket.OPEN) {
      queueMicrotask(() => onResponse({ id, ok: false, error: { code: CLOSED_ERROR_CODE, message: 'socket is not open' } }, performance.now()));
      return id;
    }
    this.pending.set(id, onResponse);
    this.ws.send(
      params === undefined ? `{"type":"req","id":"${id}","method":${JSON.stringify(method)}}` : JSON.stringify({ type: 'req', id, method, params }),
    );
    return id;
  }

  request(method: string, params?: unknown, timeoutMs = 10_000): Promise<Response & { receivedAt: number }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} got no response within ${timeoutMs} ms`));
      }, timeoutMs);
      const id = this.send(method, params, (response, receivedAt) => {
        clearTimeout(timer);
        resolve({ ...response, receivedAt });
      });
    });
  }

  /** Closes politely and waits for the close handshake (terminating after `graceMs`). */
  async close(graceMs = 2_000): Promise<void> {
    this.closing = true;
    await closePolitely(this.ws, this.closed, graceMs);
  }

  terminate(): void {
    this.closing = true;
    this.ws.terminate();
  }

  private onMessage(data: RawData): void {
    const receivedAt = performance.now();
    const raw = toBuffer(data);
    if (raw.length > EVENT_PREFIX.length && raw.compare(EVENT_PREFIX, 0, EVENT_PREFIX.length, 0, EVENT_PREFIX.length) === 0) {
      const end = raw.indexOf(QUOTE, EVENT_PREFIX.length);
      const event = raw.toString('latin1', EVENT_PREFIX.length, end);
      if (event === 'connect.challenge') this.onChallenge(raw, receivedAt);
      else this.eventListener?.(event, raw, receivedAt);
      return;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(raw.toString('utf8'));
    } catch {
      this.malformedFrames += 1;
      return;
    }
    if (!isRecord(frame)) {
      this.malformedFrames += 1;
    } else if (frame.type === 'res' && typeof frame.id === 'string') {
      const callback = this.pending.get(frame.id);
      if (!callback) return;
      this.pending.delete(frame.id);
      callback(frame as unknown as Response, receivedAt);
    } else if (frame.type === 'event' && typeof frame.event === 'string') {
      if (frame.event === 'connect.challenge') this.onChallenge(raw, receivedAt);
      else this.eventListener?.(frame.event, raw, receivedAt);
    } else {
      this.malformedFrames += 1;
    }
  }

  private onChallenge(raw: Buffer, receivedAt: number): void {
    const frame = JSON.parse(raw.toString('utf8')) as { payload?: { nonce?: unknown } };
    const nonce = typeof frame.payload?.nonce === 'string' ? frame.payload.nonce : '';
    this.challenge = { nonce, receivedAt };
    this.challengeWaiter?.(receivedAt);
    this.challengeWaiter = undefined;
  }

  private failPending(message: string): void {
    const now = performance.now();
    const callbacks = [...this.pending.entries()];
    this.pending.clear();
    for (const [id, callback] of callbacks) callback({ id, ok: false, error: { code: CLOSED_ERROR_CODE, message } }, now);
  }
}
