/**
 * The IPC handler table: one entry per contract channel, each forwarding to the companion
 * controller. The parse step here only checks the shape of the call (no argument for channels
 * that take none, exactly one for the others); what the argument holds is checked by the
 * controller against the channel's schema, the same way for Electron's IPC and the test bridge.
 */
import type { InvokeChannel, InvokeRequest, InvokeResponse } from '../../shared/ipc/contract.js';
import { invokeChannels } from '../../shared/ipc/channels.js';
import { expectNoRequest, type InvokeHandler, type InvokeHandlers } from './register-invoke-handlers.js';

/** What the table forwards to: CompanionController.invoke, or a test double. */
export type InvokeTarget = <C extends InvokeChannel>(channel: C, request?: unknown) => Promise<InvokeResponse<C>>;

type TakesRequest<C extends InvokeChannel> = [InvokeRequest<C>] extends [void] ? false : true;

/** Which channels take an argument; the compiler checks every entry against the contract. */
const takesRequest: { [C in InvokeChannel]: TakesRequest<C> } = {
  'app:getInfo': false,
  'tray:getState': false,
  'gateway:getStatus': false,
  'gateway:start': false,
  'gateway:stop': false,
  'gateway:restart': false,
  'gateway:retry': false,
  'approvals:list': false,
  'approvals:resolve': true,
  'pairing:list': false,
  'pairing:approve': true,
  'pairing:reject': true,
  'pairing:senders': false,
  'pairing:approveSender': true,
  'pairing:dismissSender': true,
  'chat:listSessions': false,
  'chat:history': true,
  'chat:send': true,
  'chat:abort': true,
  'chat:listModels': false,
  'chat:setModel': true,
  'settings:get': false,
  'settings:update': true,
  'settings:setProvider': true,
  'settings:copyToken': false,
  'settings:rotateToken': false,
  'channels:status': false,
  'channels:check': false,
  'channels:setToken': true,
  'channels:start': true,
  'channels:stop': true,
  'channels:logout': true,
  'skills:status': false,
  'skills:setEnabled': true,
  'skills:install': true,
  'logs:recent': false,
  'scheduled:list': false,
  'scheduled:runs': true,
  'scheduled:add': true,
  'scheduled:update': true,
  'scheduled:setEnabled': true,
  'scheduled:runNow': true,
  'scheduled:remove': true,
  'scheduled:summary': false,
  // ── wizard ──
  'wizard:start': true,
  'wizard:next': true,
  'wizard:cancel': true,
  'wizard:status': true,
  'window:open': true,
};

export function expectOneRequest(args: readonly unknown[]): unknown {
  if (args.length !== 1) throw new Error(`expected one argument, got ${args.length}`);
  return args[0];
}

export function companionInvokeHandlers(target: InvokeTarget): InvokeHandlers {
  const handlers: Partial<Record<InvokeChannel, InvokeHandler<InvokeChannel>>> = {};
  for (const channel of invokeChannels) {
    const takesNone = !takesRequest[channel];
    handlers[channel] = {
      // Typed as the channel's request, but still unknown: the controller checks it.
      parse: (args) => (takesNone ? expectNoRequest(args) : expectOneRequest(args)) as InvokeRequest<InvokeChannel>,
      handle: (request) => target(channel, takesNone ? undefined : request),
    };
  }
  return handlers as InvokeHandlers;
}
