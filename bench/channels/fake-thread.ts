import { basename, dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RunningChatFake } from './chat-fakes.js';

/**
 * The channels bench's stand-ins (the Telegram or Discord fake, the model) each on a thread of
 * their own. On the load generator's thread, a fake answered the gateway only when that event loop
 * got round to it — behind the next message's injection, the model stand-in's SSE writes, the
 * other fake's bookkeeping — and stamped the reply late by as much: the bench's own queueing was
 * counted as the gateway's overhead, most at 100 messages/s. On its own thread each stand-in
 * stamps its events (message handed to the bot, reply arrived, model request arrived / done) the
 * moment they happen, and the overhead is computed from those stamps only.
 */

export type FakeKind = 'telegram' | 'discord' | 'model';

/** Marked, so that importing fake-thread-main.ts on some other worker thread (a test runner's) starts nothing. */
export interface FakeThreadData {
  readonly channelsFakeThread: true;
  readonly kind: FakeKind;
}

/** Parent → thread. */
export type FakeCommand =
  | { readonly type: 'send'; readonly chat: number; readonly text: string }
  | { readonly type: 'connected'; readonly id: number; readonly timeoutMs: number }
  | { readonly type: 'clear' }
  | { readonly type: 'close'; readonly id: number };

/** Thread → parent. Times are the thread's `preciseNow()` (epoch ms, sub-millisecond). */
export type FakeEvent =
  | { readonly type: 'ready'; readonly channel?: 'telegram' | 'discord'; readonly configBlock?: Record<string, unknown>; readonly baseUrl?: string }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'delivered'; readonly text: string; readonly at: number }
  | { readonly type: 'reply'; readonly text: string; readonly at: number }
  | { readonly type: 'timing'; readonly id: number; readonly receivedAt: number; readonly doneAt: number }
  | { readonly type: 'result'; readonly id: number; readonly error?: string };

/** The thread's entry compiled (dist/bench/channels/fake-thread-main.js), also when the caller runs from the TypeScript sources. */
function compiledEntry(): string {
  const here = import.meta.dirname;
  if (basename(here) === 'channels' && basename(dirname(here)) === 'bench' && basename(dirname(dirname(here))) === 'dist') return resolve(here, 'fake-thread-main.js');
  return resolve(here, '../../dist/bench/channels/fake-thread-main.js');
}

/** A stand-in running on its own thread: its events, requests answered by id, and its end. */
export class FakeThread {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private readonly listeners = new Set<(event: FakeEvent) => void>();
  private exited: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    readonly ready: Extract<FakeEvent, { type: 'ready' }>,
  ) {
    worker.on('message', (event: FakeEvent) => {
      if (event.type === 'result') {
        const waiter = this.waiting.get(event.id);
        this.waiting.delete(event.id);
        if (event.error === undefined) waiter?.resolve();
        else waiter?.reject(new Error(event.error));
        return;
      }
      for (const listener of this.listeners) listener(event);
    });
    worker.on('exit', (code) => {
      this.exited = new Error(`the ${ready.channel ?? 'model'} stand-in's thread exited (code ${code})`);
      for (const waiter of this.waiting.values()) waiter.reject(this.exited);
      this.waiting.clear();
    });
  }

  static start(kind: FakeKind): Promise<FakeThread> {
    const worker = new Worker(compiledEntry(), { workerData: { channelsFakeThread: true, kind } satisfies FakeThreadData });
    return new Promise((resolvePromise, reject) => {
      const onMessage = (event: FakeEvent) => {
        if (event.type === 'ready') {
          worker.off('message', onMessage);
          worker.off('error', reject);
          resolvePromise(new FakeThread(worker, event));
        } else if (event.type === 'failed') {
          void worker.terminate();
          reject(new Error(`the ${kind} stand-in did not start: ${event.message}`));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  }

  post(command: FakeCommand): void {
    this.worker.postMessage(command);
  }

  /** Sends a command that answers (`connected`, `close`) and waits for its answer. */
  request(command: { readonly type: 'connected'; readonly timeoutMs: number } | { readonly type: 'close' }): Promise<void> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolvePromise, reject) => {
      this.waiting.set(id, { resolve: resolvePromise, reject });
      this.worker.postMessage({ ...command, id } as FakeCommand);
    });
  }

  on(listener: (event: FakeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    if (!this.exited) await this.request({ type: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}

/** A channel's fake on its own thread, with the interface the load and the priming use. */
export async function startChatFakeThread(channel: 'telegram' | 'discord'): Promise<RunningChatFake> {
  const thread = await FakeThread.start(channel);
  const { configBlock } = thread.ready;
  if (!configBlock) throw new Error(`the ${channel} stand-in gave no config block`);
  const subscribe = (type: 'delivered' | 'reply', listener: (text: string, at: number) => void) =>
    thread.on((event) => {
      if (event.type === type) listener(event.text, event.at);
    });
  return {
    channel,
    configBlock,
    connected: (timeoutMs) => thread.request({ type: 'connected', timeoutMs }),
    send: (chat, text) => thread.post({ type: 'send', chat, text }),
    onDelivered: (listener) => subscribe('delivered', listener),
    onReply: (listener) => subscribe('reply', listener),
    clear: () => thread.post({ type: 'clear' }),
    close: () => thread.stop(),
  };
}

