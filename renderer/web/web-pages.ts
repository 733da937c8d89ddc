/**
 * The browser shell's pages, and which gateway methods each needs: a page whose family the
 * gateway does not serve (absent from hello-ok `features.methods`) is not offered at all.
 */
import type { OpenableWindowKind } from '../../shared/ipc/window-kinds';

export const webPages = ['overview', 'chat', 'sessions', 'approvals', 'pairing', 'scheduled', 'channels', 'logs', 'nodes', 'skills', 'usage', 'config', 'settings', 'setup'] as const;
export type WebPage = (typeof webPages)[number];

/** All of these must be served for the page to show. */
const requiredMethods: Record<WebPage, readonly string[]> = {
  overview: ['status'],
  chat: ['chat.send', 'chat.history'],
  // The page offers each change (patch, reset, delete, compact) only where it is served.
  sessions: ['sessions.list'],
  approvals: ['exec.approval.resolve'],
  pairing: ['device.pair.list'],
  scheduled: ['cron.list'],
  channels: ['channels.status'],
  logs: ['logs.tail'],
  nodes: ['node.list'],
  skills: ['skills.status'],
  usage: ['usage.cost'],
  config: ['config.get'],
  settings: ['config.get', 'config.patch'],
  // The gateway's setup wizard (renderer/views/wizard).
  setup: ['wizard.start'],
};

export function availablePages(methods: readonly string[]): WebPage[] {
  return webPages.filter((page) => requiredMethods[page].every((method) => methods.includes(method)));
}

export function pageFromHash(hash: string): WebPage | undefined {
  const name = hash.replace(/^#\/?/, '').split(/[?/&=]/, 1)[0]?.toLowerCase() ?? '';
  return (webPages as readonly string[]).includes(name) ? (name as WebPage) : undefined;
}

/** Where a view's `window:open` leads in the browser: its page. */
export function pageForWindow(view: OpenableWindowKind): WebPage {
  return view;
}
