import { createWriteStream } from 'node:fs';
import WebSocket, { type RawData } from 'ws';

/**
 * The gateway child gets Node's inspector on a loopback port of the OS's choosing: its heap is
 * another process's, and the inspector reads it without a gateway method that exists only for the
 * bench. It costs one listening socket and, once connected, one more — both open for the whole
 * run, before the cold idle reading, so every handle reading counts them alike.
 */
export const INSPECT_FLAG = '--inspect=127.0.0.1:0';

/**
 * Runs `start` with INSPECT_FLAG added to NODE_OPTIONS and puts NODE_OPTIONS back as soon as it
 * returns: startGateway copies process.env synchronously, before its first await, so only the
 * child spawned inside `start` sees the flag (the bench's own process and later children do not).
 */
export function withInspectorFlag<T>(start: () => T): T {
  const previous = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = previous ? `${previous} ${INSPECT_FLAG}` : INSPECT_FLAG;
  try {
    return start();
  } finally {
    if (previous === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = previous;
  }
}

/** A snapshot of a ~50 MiB heap takes seconds; a minute means the process is stuck or gone. */
const SNAPSHOT_TIMEOUT_MS = 60_000;

const LISTENING_LINE = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+)/g;

/**
 * The inspector's WebSocket URL from the child's console output (Node prints it on stderr at
 * start). The last one: `gateway run` replaces itself once through execve to set glibc's
 * allocator variables (gateway/cli/allocator-settings.ts), keeping its pid, and the Node it
 * becomes opens an inspector of its own.
 */
export function inspectorUrlFrom(output: string): string | undefined {
  return [...output.matchAll(LISTENING_LINE)].at(-1)?.[1];
}

interface ProtocolMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** A Chrome DevTools Protocol session with one process: Runtime.evaluate and heap snapshots. */
export class GatewayInspector {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (result: Record<string, unknown>) => void; reject: (error: Error) => void }>();
  private snapshotChunk: ((chunk: string) => void) | undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: RawData) => this.receive(data));
    ws.on('close', () => this.failPending(new Error('inspector: connection closed')));
  }

  static connect(url: string, timeoutMs: number): Promise<GatewayInspector> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { handshakeTimeout: timeoutMs });
      ws.once('open', () => resolve(new GatewayInspector(ws)));
      ws.once('error', (error) => reject(new Error(`inspector: could not connect to ${url}: ${error.message}`)));
    });
  }

  /** The value of a JavaScript expression evaluated in the process's main context (returned by value). */
  async evaluate(expression: string, timeoutMs: number): Promise<unknown> {
    const result = await this.call('Runtime.evaluate', { expression, returnByValue: true }, timeoutMs);
    const thrown = result.exceptionDetails as { text?: string; exception?: { description?: string } } | undefined;
    if (thrown) throw new Error(`inspector: ${thrown.exception?.description ?? thrown.text ?? 'evaluation threw'}`);
    return (result.result as { value?: unknown } | undefined)?.value;
  }

  /**
   * Writes a heap snapshot of the process to `file` (V8 collects garbage first, so it also moves
   * the RSS series: take it only in a diagnostic run). Resolves once the file is complete.
   */
  async writeHeapSnapshot(file: string): Promise<void> {
    if (this.snapshotChunk) throw new Error('inspector: a heap snapshot is already being taken');
    const out = createWriteStream(file);
    const written = new Promise<void>((resolve, reject) => out.once('finish', resolve).once('error', reject));
    this.snapshotChunk = (chunk) => out.write(chunk);
    try {
      await this.call('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, SNAPSHOT_TIMEOUT_MS);
    } finally {
      this.snapshotChunk = undefined;
      out.end();
    }
    await written;
  }

  close(): void {
    this.ws.close();
  }

  private call(method: string, params: Record<string, unknown>, timeoutMs: number): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.ws.readyState !== WebSocket.OPEN) return reject(new Error('inspector: not connected'));
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`inspector: no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = { resolve: (result: Record<string, unknown>) => (clearTimeout(timer), resolve(result)), reject: (error: Error) => (clearTimeout(timer), reject(error)) };
      this.pending.set(id, settle);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  private receive(data: RawData): void {
    const message = JSON.parse(String(data)) as ProtocolMessage;
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') {
      this.snapshotChunk?.(String(message.params?.chunk ?? ''));
      return;
    }
    if (message.id === undefined) return;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.error) waiting.reject(new Error(`inspector: ${message.error.message}`));
    else waiting.resolve(message.result ?? {});
  }

  private failPending(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
