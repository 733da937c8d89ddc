import WebSocket, { type RawData } from 'ws';
import { GATEWAY_EVENTS } from '../../shared/protocol/events.js';
import { eventFrameValidator, responseFrameValidator, type ResponseFrame } from '../../shared/protocol/frames.js';
import { NATIVE_PROTOCOL_VERSION } from '../../shared/protocol/versions.js';
import { deviceProof, type DeviceIdentity } from './device-identity.js';
import type { ProtocolProblems } from './protocol-problems.js';
import { closePolitely } from '../close-politely.js';

/**
 * The soak's protocol client. Unlike BenchClient (built to measure, so it skips parsing), this one
 * checks every frame the gateway sends against the protocol's frame schemas and the advertised
 * event list, follows each connection's event `seq`, and can speak as any role: a node with a
 * device, an operator with a device token, or one with the shared token alone. What it finds goes
 * to the run's ProtocolProblems.
 */

export interface SoakClientOptions {
  /** Names the client in problem reports. */
  label: string;
  token?: string;
  deviceToken?: string;
  device?: DeviceIdentity;
  role?: 'operator' | 'node';
  /** Omitted: the gateway's default operator scopes. */
  scopes?: string[];
  client: { id: string; mode: string; displayName?: string };
  caps?: string[];
  commands?: string[];
  timeoutMs: number;
}

export interface HelloOk {
  auth?: { deviceToken?: string; role?: string; scopes?: string[] };
  [key: string]: unknown;
}

/** The gateway answered `ok: false`; the operation reports the protocol error it carried. */
export class RequestFailedError extends Error {
  constructor(
    method: string,
    readonly response: ResponseFrame,
  ) {
    super(`${method} failed: ${response.error ? `${response.error.code} ${response.error.message}` : 'no error details'}`);
  }
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(GATEWAY_EVENTS);

interface Pending {
  method: string;
  /** Returns true once the request needs no further response. */
  onResponse(frame: ResponseFrame): boolean;
  fail(error: Error): void;
}

type EventListener = (payload: unknown) => void;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

export class SoakClient {
  hello: HelloOk = {};
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly pending = new Map<string, Pending>();
  /** Requests the caller gave up on (timed out): their late answer is an op failure already, not a protocol problem. */
  private readonly abandoned = new Set<string>();
  private readonly listeners = new Map<string, Set<EventListener>>();
  private nextId = 1;
  private lastSeq = 0;
  private established = false;
  private closing = false;

  private constructor(
    private readonly ws: WebSocket,
    readonly label: string,
    private readonly problems: ProtocolProblems,
  ) {
    ws.on('message', (data) => this.onMessage(text(data)));
    // A socket error is followed by 'close', which reports it.
    ws.on('error', () => undefined);
    this.closed = new Promise((resolve) => {
      ws.once('close', (code, reason) => {
        const why = reason.toString();
        if (this.established && !this.closing) this.problems.record('unexpected-close', `${label}: gateway closed the socket (${code} ${why})`);
        this.failPending(`${label}: socket closed (${code} ${why})`);
        resolve({ code, reason: why });
      });
    });
  }

  /** Opens a socket, answers the challenge, and resolves once hello-ok arrived; rejects (socket closed) otherwise. */
  static async connect(url: string, options: SoakClientOptions, problems: ProtocolProblems): Promise<SoakClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const client = new SoakClient(ws, options.label, problems);
    // Released when the connect fails, so the challenge's timer cannot reject later, unheld.
    const abandon = new AbortController();
    try {
      const challenge = client.waitForEvent('connect.challenge', () => true, options.timeoutMs, abandon.signal);
      const opened = new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      // Together: a gateway that never answers the upgrade fails the connect by the challenge's
      // deadline instead of leaving it waiting for 'open' for good.
      const [, nonce] = (await Promise.all([opened, challenge])) as [void, { nonce?: unknown }];
      const response = await client.request('connect', client.connectParams(options, typeof nonce.nonce === 'string' ? nonce.nonce : ''), options.timeoutMs);
      if (!response.ok || !isRecord(response.payload)) throw new RequestFailedError(`${options.label} connect`, response);
      client.hello = response.payload as HelloOk;
      client.established = true;
      return client;
    } catch (error) {
      abandon.abort();
      client.terminate();
      throw error;
    }
  }

  private connectParams(options: SoakClientOptions, nonce: string): Record<string, unknown> {
    const role = options.role ?? 'operator';
    const client = { version: '1', platform: 'linux', ...options.client };
    const auth: Record<string, string> = {};
    if (options.token !== undefined) auth.token = options.token;
    if (options.deviceToken !== undefined) auth.deviceToken = options.deviceToken;
    const params: Record<string, unknown> = { minProtocol: NATIVE_PROTOCOL_VERSION, maxProtocol: NATIVE_PROTOCOL_VERSION, client, auth, role };
    if (options.scopes !== undefined) params.scopes = options.scopes;
    if (options.caps !== undefined) params.caps = options.caps;
    if (options.commands !== undefined) params.commands = options.commands;
    if (options.device) {
      params.device = deviceProof(options.device, {
        clientId: client.id,
        clientMode: client.mode,
        role,
        scopes: options.scopes ?? [],
        token: auth.token ?? auth.deviceToken ?? '',
        nonce,
        platform: client.platform,
      });
    }
    return params;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Every `event` frame of that name (payload only); returns the unsubscribe function. */
  on(event: string, listener: EventListener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(event) === set) this.listeners.delete(event);
    };
  }

  /**
   * The next event of that name whose payload matches, arriving after this call. An operation that
   * fails before it awaits the event aborts `signal`, which releases the listener and the timer at
   * once (the promise then rejects, and is already handled).
   */
  waitForEvent(event: string, matches: (payload: unknown) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
    const waiting = new Promise<unknown>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        finish();
        reject(new Error(`${this.label}: stopped waiting for ${event}`));
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.label}: no matching ${event} event within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = this.on(event, (payload) => {
        if (!matches(payload)) return;
        finish();
        resolve(payload);
      });
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    if (signal) waiting.catch(() => undefined);
    return waiting;
  }

  /** One request; resolves with the response frame (ok or not), rejects on timeout or a closed socket. */
  request(method: string, params: unknown, timeoutMs: number): Promise<ResponseFrame> {
    return new Promise((resolve, reject) => {
      this.send(method, params, timeoutMs, {
        method,
        onResponse: (frame) => {
          resolve(frame);
          return true;
        },
        fail: reject,
      });
    });
  }

  /** A request that must succeed: its payload, or a RequestFailedError. */
  async call(method: string, params: unknown, timeoutMs: number): Promise<unknown> {
    const response = await this.request(method, params, timeoutMs);
    if (!response.ok) throw new RequestFailedError(method, response);
    return response.payload;
  }

  /**
   * A two-phase request (spec: `twoPhase: true`): the gateway answers `status: "accepted"` at once
   * and the final result later, both with the request's id.
   */
  requestTwoPhase(method: string, params: unknown, timeoutMs: number): { accepted: Promise<ResponseFrame>; final: Promise<ResponseFrame> } {
    let acceptedResolve: (frame: ResponseFrame) => void = () => undefined;
    let acceptedReject: (error: Error) => void = () => undefined;
    const accepted = new Promise<ResponseFrame>((resolve, reject) => {
      acceptedResolve = resolve;
      acceptedReject = reject;
    });
    const final = new Promise<ResponseFrame>((resolve, reject) => {
      this.send(method, params, timeoutMs, {
        method,
        onResponse: (frame) => {
          const isAck = frame.ok && isRecord(frame.payload) && frame.payload.status === 'accepted';
          acceptedResolve(frame);
          if (isAck) return false;
          resolve(frame);
          return true;
        },
        fail: (error) => {
          acceptedReject(error);
          reject(error);
        },
      });
    });
    // Callers may await only one of the two; the other must not surface as an unhandled rejection.
    accepted.catch(() => undefined);
    final.catch(() => undefined);
    return { accepted, final };
  }

  /** Closes politely (close frame) and waits for the close handshake; terminates after `graceMs`. */
  async close(graceMs = 2_000): Promise<void> {
    this.closing = true;
    await closePolitely(this.ws, this.closed, graceMs);
  }

  /** Drops the TCP connection without a close frame, as a crashed or suspended client does. */
  terminate(): void {
    this.closing = true;
    this.ws.terminate();
  }

  private send(method: string, params: unknown, timeoutMs: number, pending: Pending): void {
    const id = `s${this.nextId++}`;
    if (this.ws.readyState !== WebSocket.OPEN) {
      queueMicrotask(() => pending.fail(new Error(`${this.label}: ${method}: socket is not open`)));
      return;
    }
    const timer = setTimeout(() => {
      if (!this.pending.delete(id)) return;
      this.abandoned.add(id);
      pending.fail(new Error(`${this.label}: ${method} got no response within ${timeoutMs} ms`));
    }, timeoutMs);
    this.pending.set(id, {
      method,
      onResponse: (frame) => {
        const done = pending.onResponse(frame);
        if (done) clearTimeout(timer);
        return done;
      },
      fail: (error) => {
        clearTimeout(timer);
        pending.fail(error);
      },
    });
    this.ws.send(JSON.stringify({ type: 'req', id, method, params }));
  }

  private onMessage(raw: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(raw);
    } catch {
      this.problems.record('malformed-frame', `${this.label}: not JSON: ${raw.slice(0, 120)}`);
      return;
    }
    if (isRecord(frame) && frame.type === 'res') this.onResponse(frame);
    else if (isRecord(frame) && frame.type === 'event') this.onEvent(frame);
    else this.problems.record('malformed-frame', `${this.label}: neither res nor event: ${raw.slice(0, 120)}`);
  }

  private onResponse(frame: Record<string, unknown>): void {
    const problem = responseFrameValidator.firstError(frame);
    if (problem !== null) {
      this.problems.record('malformed-frame', `${this.label}: response ${String(frame.id)}: ${problem}`);
      return;
    }
    const response = frame as unknown as ResponseFrame;
    const pending = this.pending.get(response.id);
    if (!pending) {
      if (!this.abandoned.has(response.id)) this.problems.record('unmatched-response', `${this.label}: response to unknown id ${response.id}`);
      return;
    }
    if (pending.onResponse(response)) this.pending.delete(response.id);
  }

  private onEvent(frame: Record<string, unknown>): void {
    const problem = eventFrameValidator.firstError(frame);
    if (problem !== null) {
      this.problems.record('malformed-frame', `${this.label}: event ${String(frame.event)}: ${problem}`);
      return;
    }
    const event = frame.event as string;
    if (!KNOWN_EVENTS.has(event)) this.problems.record('unknown-event', `${this.label}: ${event}`);
    if (typeof frame.seq === 'number') {
      if (frame.seq !== this.lastSeq + 1) this.problems.record('seq-gap', `${this.label}: ${event} seq ${frame.seq} after ${this.lastSeq}`);
      this.lastSeq = frame.seq;
    }
    const listeners = this.listeners.get(event);
    if (!listeners) return;
    for (const listener of [...listeners]) listener(frame.payload);
  }

  private failPending(message: string): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const pending of entries) pending.fail(new Error(`${message}; ${pending.method} unanswered`));
  }
}
