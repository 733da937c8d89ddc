/**
 * renderer/strings.ts — the names the views give their controls, which the e2e walks find them
 * by (getByRole/getByLabel) — loaded at run time. It is written for the renderer's bundler
 * resolution (extensionless imports), which tsconfig.test.json (NodeNext) does not accept, so a
 * static import would fail `npm run typecheck`. The part the walks use is declared here; if the
 * renderer renames something, the walk fails at the first missing name.
 */
type Label = { label: string; description?: string; explain?: string };

export interface RendererStrings {
  common: { saved: string };
  gatewayState: Record<'stopped' | 'starting' | 'running' | 'attached' | 'degraded' | 'error', Label>;
  gatewayActions: Record<'start' | 'stop' | 'restart' | 'retry', string>;
  panel: {
    gatewayLabel: string;
    waiting(approvals: number, pairing: number): string;
    openChat: string;
    openApprovals(count: number): string;
    openPairing(count: number): string;
    openLogs: string;
    openScheduled: string;
    openSettings: string;
  };
  chat: { inputLabel: string; transcriptLabel: string };
  approvals: { commandLabel: string; asks(agent: string | undefined, host: string): string; decisionsLabel: string; none: string };
  pairing: { reject: string; none: string };
  settings: { notifications: string; providerConfigured(model: string | undefined): string };
  scheduled: {
    add: string;
    runNow: string;
    lastRun: string;
    historyLabel(name: string): string;
    status: Record<'ok' | 'error' | 'skipped' | 'missed' | 'unknown', string>;
    form: { addTitle: string; name: string; text: string; expr: string; zone: string; add: string };
  };
}

const stringsModule = new URL('../../../renderer/strings.ts', import.meta.url).href;

export async function loadRendererStrings(): Promise<RendererStrings> {
  const loaded = (await import(stringsModule)) as { strings?: RendererStrings };
  if (loaded.strings === undefined) throw new Error(`${stringsModule} exports no strings`);
  return loaded.strings;
}

/** renderer/channel-strings.ts — the chat-channel views' names — loaded the same way. */
export interface ChannelStrings {
  section: string;
  tokenLabel(channel: string): string;
  saveToken: string;
  tokenSaved: string;
  health: Record<'connected' | 'not-configured', Label>;
  senders: { approve: string; title: string };
}

const channelStringsModule = new URL('../../../renderer/channel-strings.ts', import.meta.url).href;

export async function loadChannelStrings(): Promise<ChannelStrings> {
  const loaded = (await import(channelStringsModule)) as { channelStrings?: ChannelStrings };
  if (loaded.channelStrings === undefined) throw new Error(`${channelStringsModule} exports no channelStrings`);
  return loaded.channelStrings;
}
