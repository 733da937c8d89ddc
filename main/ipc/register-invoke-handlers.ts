/**
 * Registers one `ipcMain.handle` per channel of the contract. Every call is checked in the
 * same order: sender first (see sender-policy.ts), then whether the sender's kind of window uses
 * this channel (shared/ipc/window-channels.ts; its preload already refuses the others, this
 * stops a compromised page that gets around it), then the request is parsed from `unknown`, and
 * only then the handler runs. A refused call rejects in the renderer with a short message and is
 * reported to main's log; the handler never sees it.
 */
import type { InvokeChannel, InvokeRequest, InvokeResponse } from '../../shared/ipc/contract.js';
import { invokeChannels } from '../../shared/ipc/channels.js';
import { windowMayInvoke } from '../../shared/ipc/window-channels.js';
import type { WindowKind } from '../../shared/ipc/window-kinds.js';
import { checkSender, type IpcSenderInfo, type SenderPolicy } from './sender-policy.js';

export interface InvokeHandler<C extends InvokeChannel> {
  /** Turns what arrived over IPC into the contract's request type, or throws. */
  parse(args: readonly unknown[]): InvokeRequest<C>;
  handle(request: InvokeRequest<C>): InvokeResponse<C> | Promise<InvokeResponse<C>>;
}

/** A handler for every channel, and the compiler makes sure none is missing. */
export type InvokeHandlers = { [C in InvokeChannel]: InvokeHandler<C> };

/** The part of Electron's `ipcMain` we use; generic over the event so tests can hand in their own. */
export interface IpcMainPort<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type IpcRefusal =
  | { channel: InvokeChannel; kind: 'untrusted-sender'; reason: string; senderUrl: string | null }
  | { channel: InvokeChannel; kind: 'channel-not-allowed'; windowKind: WindowKind }
  | { channel: InvokeChannel; kind: 'bad-request'; reason: string };

export interface RegisterInvokeHandlersOptions<E> {
  ipcMain: IpcMainPort<E>;
  handlers: InvokeHandlers;
  policy: SenderPolicy;
  describeSender(event: E): IpcSenderInfo;
  onRefused?: (refusal: IpcRefusal) => void;
}

/** Registers the handlers; the returned function removes them again (for tests and shutdown). */
export function registerInvokeHandlers<E>(options: RegisterInvokeHandlersOptions<E>): () => void {
  const { ipcMain, handlers, policy, describeSender } = options;
  const onRefused = options.onRefused ?? (() => {});

  for (const channel of invokeChannels) {
    const handler = handlers[channel] as InvokeHandler<InvokeChannel>;
    ipcMain.handle(channel, async (event, ...args) => {
      const sender = describeSender(event);
      const verdict = checkSender(sender, policy);
      if (!verdict.trusted) {
        onRefused({ channel, kind: 'untrusted-sender', reason: verdict.reason, senderUrl: sender.frame?.url ?? null });
        throw new Error(`${channel}: refused, the sender is not a Gatehouse window`);
      }
      if (!windowMayInvoke(verdict.windowKind, channel)) {
        onRefused({ channel, kind: 'channel-not-allowed', windowKind: verdict.windowKind });
        throw new Error(`${channel}: refused, the ${verdict.windowKind} window does not use this channel`);
      }
      let request: InvokeRequest<InvokeChannel>;
      try {
        request = handler.parse(args);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        onRefused({ channel, kind: 'bad-request', reason });
        throw new Error(`${channel}: bad request: ${reason}`, { cause: error });
      }
      return handler.handle(request);
    });
  }

  return () => {
    for (const channel of invokeChannels) ipcMain.removeHandler(channel);
  };
}

/** `parse` for channels whose request is `void`: accepts no arguments and nothing else. */
export function expectNoRequest(args: readonly unknown[]): void {
  if (args.length > 0) {
    throw new Error(`expected no arguments, got ${args.length}`);
  }
}
