import WebSocket from 'ws';
import { fragmentsOf, type FuzzFrame } from './malformed-frames.js';

/** How a fuzz socket ended: the gateway's close code, or `client` when the fuzzer gave up first. */
export type SocketEnd = { by: 'gateway'; code: number } | { by: 'client' };

/**
 * One socket of the fuzzer: raw sends (fragments, text frames holding invalid UTF-8), the
 * challenge, the answers it gets and how it ended. Never throws on a broken socket: a
 * hostile client does not care.
 */
export class FuzzSocket {
  answers = 0;
  private readonly messages: string[] = [];
  private waiter: (() => void) | undefined;
  private ended: SocketEnd | undefined;
  private closingByClient = false;
  readonly closed: Promise<SocketEnd>;

  private constructor(private readonly ws: WebSocket) {
    ws.on('error', () => undefined);
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"type":"res"')) this.answers += 1;
      // Only the first frames matter to the fuzzer (challenge, connect answer); keep no more.
      if (this.messages.length < 4) this.messages.push(text);
      this.waiter?.();
    });
    this.closed = new Promise((resolve) =>
      ws.once('close', (code) => {
        this.ended = this.closingByClient ? { by: 'client' } : { by: 'gateway', code };
        this.waiter?.();
        resolve(this.ended);
      }),
    );
  }

  /** Opens a socket and waits for connect.challenge; undefined if the gateway would not take it. */
  static async open(url: string, timeoutMs = 5_000): Promise<FuzzSocket | undefined> {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
    const socket = new FuzzSocket(ws);
    const challenged = await socket.waitFor((text) => text.includes('"connect.challenge"'), timeoutMs);
    if (challenged) return socket;
    socket.terminate();
    return undefined;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Resolves true once a received frame matches, false on close or timeout. */
  async waitFor(match: (text: string) => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (this.messages.some(match)) return true;
      if (this.ended || performance.now() >= deadline) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - performance.now()));
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  /** A connect with the shared token, as the CLI sends it (mode `cli` stays out of presence). */
  async connect(token: string, timeoutMs = 5_000): Promise<boolean> {
    const params = { minProtocol: 3, maxProtocol: 4, client: { id: 'fuzz', version: '1', platform: 'linux', mode: 'cli' }, auth: { token } };
    this.ws.send(JSON.stringify({ type: 'req', id: 'fuzz-connect', method: 'connect', params }));
    const answered = await this.waitFor((text) => text.includes('"id":"fuzz-connect"'), timeoutMs);
    return answered && this.messages.some((text) => text.includes('"id":"fuzz-connect","ok":true'));
  }

  send(frame: FuzzFrame): void {
    if (!this.isOpen) return;
    if (frame.fragments <= 1) {
      this.ws.send(frame.data, { binary: frame.binary });
      return;
    }
    const parts = fragmentsOf(frame.data, frame.fragments);
    parts.forEach((part, index) => this.ws.send(part, { binary: frame.binary, fin: index === parts.length - 1 }));
  }

  /** How the socket ended within `ms`, or closed by the fuzzer after that. */
  async end(ms: number): Promise<SocketEnd> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
    const ended = await Promise.race([this.closed, gaveUp]);
    clearTimeout(timer);
    if (ended) return ended;
    this.terminate();
    return this.closed;
  }

  terminate(): void {
    if (this.ended) return;
    this.closingByClient = true;
    this.ws.terminate();
  }
}
