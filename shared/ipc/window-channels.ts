/**
 * What each kind of window may use of the IPC contract: the channels it invokes and the events
 * it listens to, and nothing more. Its preload exposes only these (preload/bridge.ts), main
 * answers only these from that window (main/ipc/register-invoke-handlers.ts) and sends it only
 * these events (main/ipc/send-event.ts). A compromised chat window therefore cannot rotate the
 * gateway token, and a logs window never hears a chat transcript.
 *
 * Each list is what the window's views call (their components, hooks and sub-components);
 * test/unit/main/window-channels.test.ts scans the renderer source to keep it exactly so, and
 * checks that every channel of the contract belongs to some window.
 *
 * No Electron, Node or DOM imports: this file is bundled into each sandboxed preload.
 */
import type { EventChannel, InvokeChannel } from './contract.js';
import type { WindowKind } from './window-kinds.js';

export interface WindowChannels {
  /**
   * The views the window can show: the one it opens on, and those its page moves to in place by
   * changing the URL hash (the panel's "Finish setting up" and onboarding's last step). The
   * preload is chosen when the window is created, so it must serve all of them.
   */
  readonly views: readonly WindowKind[];
  readonly invoke: readonly InvokeChannel[];
  readonly events: readonly EventChannel[];
}

/** The panel and onboarding navigate to each other inside one window, so they share one list. */
const panelOrOnboarding: WindowChannels = {
  views: ['panel', 'onboarding'],
  invoke: [
    'app:getInfo',
    'tray:getState',
    'gateway:getStatus',
    'gateway:start',
    'gateway:stop',
    'gateway:restart',
    'gateway:retry',
    'settings:get',
    'settings:update',
    // The next cron wake and the last heartbeat.
    'scheduled:summary',
    // ── wizard ── onboarding runs the gateway's setup wizard (which now asks for the provider).
    'wizard:start',
    'wizard:next',
    'wizard:cancel',
    'wizard:status',
    'window:open',
  ],
  events: ['tray:state', 'gateway:status', 'settings:changed', 'scheduled:summaryChanged'],
};

export const windowChannels: Readonly<Record<WindowKind, WindowChannels>> = deepFreeze({
  panel: panelOrOnboarding,
  onboarding: panelOrOnboarding,
  chat: {
    views: ['chat'],
    // window:open: the "configure a provider" link opens Settings.
    invoke: ['chat:listSessions', 'chat:history', 'chat:send', 'chat:abort', 'chat:listModels', 'chat:setModel', 'window:open'],
    events: ['chat:event'],
  },
  approvals: {
    views: ['approvals'],
    // app:getInfo: the platform picks the key hints (Cmd or Ctrl).
    invoke: ['app:getInfo', 'approvals:list', 'approvals:resolve'],
    events: ['approvals:changed'],
  },
  pairing: {
    views: ['pairing'],
    invoke: ['pairing:list', 'pairing:approve', 'pairing:reject', 'pairing:senders', 'pairing:approveSender', 'pairing:dismissSender'],
    events: ['pairing:changed', 'pairing:sendersChanged'],
  },
  settings: {
    views: ['settings'],
    invoke: [
      'settings:get',
      'settings:update',
      'settings:setProvider',
      'settings:copyToken',
      'settings:rotateToken',
      'channels:status',
      'channels:check',
      'channels:setToken',
      'channels:start',
      'channels:stop',
      'channels:logout',
      'skills:status',
      'skills:setEnabled',
      'skills:install',
    ],
    events: ['settings:changed', 'channels:changed'],
  },
  logs: {
    views: ['logs'],
    invoke: ['logs:recent'],
    events: ['logs:line'],
  },
  scheduled: {
    views: ['scheduled'],
    invoke: [
      'scheduled:list',
      'scheduled:runs',
      'scheduled:add',
      'scheduled:update',
      'scheduled:setEnabled',
      'scheduled:runNow',
      'scheduled:remove',
    ],
    events: ['scheduled:changed'],
  },
});

export function windowMayInvoke(kind: WindowKind, channel: string): boolean {
  return (windowChannels[kind].invoke as readonly string[]).includes(channel);
}

export function windowHearsEvent(kind: WindowKind, channel: string): boolean {
  return (windowChannels[kind].events as readonly string[]).includes(channel);
}

function deepFreeze(table: Record<WindowKind, WindowChannels>): Readonly<Record<WindowKind, WindowChannels>> {
  for (const entry of Object.values(table)) {
    Object.freeze(entry.views);
    Object.freeze(entry.invoke);
    Object.freeze(entry.events);
    Object.freeze(entry);
  }
  return Object.freeze(table);
}
