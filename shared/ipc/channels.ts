/**
 * The channel names of ./contract.ts as runtime values, for main (which registers a handler for
 * each) and the tests. What one window may use is narrower: ./window-channels.ts.
 *
 * Each record must name every channel of its map and nothing more: `satisfies Record<…>` fails
 * the build when a channel is added to the contract but not here, or the other way round.
 * No Electron, Node or DOM imports: compiled into main, preload and renderer alike.
 */
import type { EventChannel, InvokeChannel } from './contract.js';

const invokeChannelSet = {
  'app:getInfo': true,
  'tray:getState': true,
  'gateway:getStatus': true,
  'gateway:start': true,
  'gateway:stop': true,
  'gateway:restart': true,
  'gateway:retry': true,
  'approvals:list': true,
  'approvals:resolve': true,
  'pairing:list': true,
  'pairing:approve': true,
  'pairing:reject': true,
  'pairing:senders': true,
  'pairing:approveSender': true,
  'pairing:dismissSender': true,
  'chat:listSessions': true,
  'chat:history': true,
  'chat:send': true,
  'chat:abort': true,
  'chat:listModels': true,
  'chat:setModel': true,
  'settings:get': true,
  'settings:update': true,
  'settings:setProvider': true,
  'settings:copyToken': true,
  'settings:rotateToken': true,
  'channels:status': true,
  'channels:check': true,
  'channels:setToken': true,
  'channels:start': true,
  'channels:stop': true,
  'channels:logout': true,
  'skills:status': true,
  'skills:setEnabled': true,
  'skills:install': true,
  'logs:recent': true,
  'scheduled:list': true,
  'scheduled:runs': true,
  'scheduled:add': true,
  'scheduled:update': true,
  'scheduled:setEnabled': true,
  'scheduled:runNow': true,
  'scheduled:remove': true,
  'scheduled:summary': true,
  // ── wizard ──
  'wizard:start': true,
  'wizard:next': true,
  'wizard:cancel': true,
  'wizard:status': true,
  'window:open': true,
} as const satisfies Record<InvokeChannel, true>;

const eventChannelSet = {
  'tray:state': true,
  'gateway:status': true,
  'approvals:changed': true,
  'pairing:changed': true,
  'pairing:sendersChanged': true,
  'channels:changed': true,
  'chat:event': true,
  'logs:line': true,
  'settings:changed': true,
  'scheduled:changed': true,
  'scheduled:summaryChanged': true,
} as const satisfies Record<EventChannel, true>;

export const invokeChannels: readonly InvokeChannel[] = Object.freeze(Object.keys(invokeChannelSet) as InvokeChannel[]);
export const eventChannels: readonly EventChannel[] = Object.freeze(Object.keys(eventChannelSet) as EventChannel[]);

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(invokeChannelSet, value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.hasOwn(eventChannelSet, value);
}
