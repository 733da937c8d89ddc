/**
 * The IPC contract between the renderer (through a preload bridge) and the main process.
 *
 * One map of request/response channels, grouped by feature, and one map of events that main
 * pushes to windows. Channel names are `<feature>:<verb>`. Types only: this file is compiled
 * into main, preload and renderer alike, so it must never import Electron, Node or the DOM.
 * The runtime list of channel names lives in ./channels.ts and is checked against these maps.
 *
 * The renderer only ever sees view models: no token, device key or raw protocol frame crosses
 * this boundary (the one exception is an API key the user types into Settings, on its way in).
 */
import type { ChannelAccountRef, ChannelsView, ChannelTokenInput, SenderPairingListView } from './chat-channel-views.js';
import type { ChatEventView, ChatHistoryView, ModelView, SessionView } from './chat-views.js';
import type { GatewayState } from './gateway-state.js';
import type { ScheduledJobInput, ScheduledJobsView, ScheduledRunView, ScheduleSummaryView } from './scheduled-views.js';
import type { SkillInstallView, SkillsView } from './skills-views.js';
import type { OpenableWindowKind } from './window-kinds.js';

export type { GatewayState } from './gateway-state.js';
// The views of the chat, Scheduled and channel windows live beside this file, one file each;
// importers keep taking every contract type from here.
export type * from './chat-views.js';
export type * from './scheduled-views.js';
export type * from './chat-channel-views.js';
export type * from './skills-views.js';

/** The platforms Electron reports through `process.platform`, spelled out so the renderer needs no Node types. */
export type AppPlatform =
  | 'aix'
  | 'android'
  | 'cygwin'
  | 'darwin'
  | 'freebsd'
  | 'haiku'
  | 'linux'
  | 'netbsd'
  | 'openbsd'
  | 'sunos'
  | 'win32';

export interface AppInfo {
  /** The companion's version (package.json `version`). */
  version: string;
  platform: AppPlatform;
}

export interface GatewayStatePayload {
  state: GatewayState;
}

/** Where the operator connection stands, and what the user should do when it is paused. */
export type ConnectionStatus = 'connecting' | 'connected' | 'paused' | 'disconnected';

export interface GatewayStatusView {
  state: GatewayState;
  /** A sentence for the user (why it stopped, what failed). */
  detail?: string;
  url: string;
  /** True when someone else started this gateway: the app uses it and never stops it. */
  attached: boolean;
  pid?: number;
  since: number;
  connection: { status: ConnectionStatus; nextStep?: string };
  counts: { approvals: number; pairing: number };
  /** Can the user retry after repeated crashes? */
  canRetry: boolean;
}

/** A result of an action; `message` says why when `ok` is false. */
export interface ActionResult {
  ok: boolean;
  message?: string;
}

export type ApprovalDecision = 'allow-once' | 'allow-always' | 'deny';

export interface ApprovalView {
  id: string;
  command: string;
  cwd?: string;
  host: string;
  agentId?: string;
  sessionKey?: string;
  createdAtMs: number;
  expiresAtMs: number;
  /** Decisions the prompt may offer (allow-always only when the command can be pinned). */
  decisions: ApprovalDecision[];
  /** What made the gateway unable to prove the command safe, e.g. "unsafe: redirection >". */
  warning?: string;
  /** Extra environment variables the command runs with, in the order given. */
  env?: { name: string; value: string }[];
}

export interface PairingRequestView {
  kind: 'device' | 'node';
  requestId: string;
  /** Device or node id. */
  subjectId: string;
  name: string;
  platform?: string;
  address?: string;
  role?: string;
  scopes: string[];
  commands: string[];
  /** Asks for operator.admin or exec-capable node commands: shown highlighted. */
  elevated: boolean;
  requestedAtMs: number;
}

export interface SettingsView {
  gatewayMode: 'local' | 'remote';
  remoteUrl?: string;
  port: number;
  bind: 'loopback' | 'lan' | 'tailnet';
  notifications: boolean;
  launchAtLogin: boolean;
  quitBehavior: 'ask' | 'stop-gateway' | 'leave-running';
  /** The configured default model ref, if any. */
  model?: string;
  providerConfigured: boolean;
  /** Whether secrets are encrypted by the OS keychain (safeStorage); a warning is shown when not. */
  secretStorage: 'encrypted' | 'unencrypted';
  onboardingDone: boolean;
}

export type SettingsUpdate = Partial<Pick<SettingsView, 'gatewayMode' | 'remoteUrl' | 'port' | 'bind' | 'notifications' | 'launchAtLogin' | 'quitBehavior' | 'onboardingDone'>> & {
  /** Only sent when the user changes it; never read back. */
  remoteToken?: string;
};

export interface ProviderSetup {
  provider: 'anthropic' | 'openai' | 'openai-compatible';
  model: string;
  apiKey?: string;
  baseUrl?: string;
}

// ── wizard ──────────────────────────────────────────────────────────────────────────────
/** One step of the gateway's setup wizard (wizard.start/next), as the wizard view renders it. */
export interface WizardStepView {
  id: string;
  type: 'note' | 'select' | 'text' | 'confirm' | 'multiselect' | 'progress' | 'action';
  title?: string;
  message?: string;
  /** `value` goes back to the gateway as it came (a string, a number, a boolean…). */
  options?: { value: unknown; label: string; hint?: string }[];
  initialValue?: unknown;
  placeholder?: string;
  /** A key or token: typed into a password field, never shown or kept. */
  sensitive?: boolean;
}

/** Where a wizard run stands: the step it waits on, or how it ended. */
export interface WizardProgressView {
  sessionId: string;
  done: boolean;
  status: 'running' | 'done' | 'cancelled' | 'error';
  step?: WizardStepView;
  error?: string;
}

/**
 * A wizard call's answer. `ok: false` with `refused`: the gateway refused the answer (the
 * message says why) and the same step waits; without it the call failed (offline, no wizard).
 */
export type WizardActionResult = ActionResult & { progress?: WizardProgressView; refused?: boolean };

/** Request/response channels: `window.gatehouse.invoke(channel, request?) → Promise<response>`. */
export interface InvokeContract {
  // ── app ───────────────────────────────────────────────────────────────────────────────
  'app:getInfo': { request: void; response: AppInfo };

  // ── tray / gateway supervision ───────────────────────────────────────────────────────
  /** The current state, so a window that opens late does not wait for the next `tray:state`. */
  'tray:getState': { request: void; response: GatewayStatePayload };
  'gateway:getStatus': { request: void; response: GatewayStatusView };
  'gateway:start': { request: void; response: ActionResult };
  'gateway:stop': { request: void; response: ActionResult };
  'gateway:restart': { request: void; response: ActionResult };
  'gateway:retry': { request: void; response: ActionResult };

  // ── approvals ─────────────────────────────────────────────────────────────────────────
  'approvals:list': { request: void; response: ApprovalView[] };
  'approvals:resolve': { request: { id: string; decision: ApprovalDecision }; response: ActionResult };

  // ── pairing ───────────────────────────────────────────────────────────────────────────
  'pairing:list': { request: void; response: PairingRequestView[] };
  'pairing:approve': { request: { kind: 'device' | 'node'; requestId: string }; response: ActionResult };
  'pairing:reject': { request: { kind: 'device' | 'node'; requestId: string }; response: ActionResult };
  /** Chat senders (Telegram, Discord) waiting for approval. */
  'pairing:senders': { request: void; response: SenderPairingListView };
  'pairing:approveSender': { request: ChannelAccountRef & { requestId: string }; response: ActionResult };
  'pairing:dismissSender': { request: ChannelAccountRef & { requestId: string }; response: ActionResult };

  // ── chat ──────────────────────────────────────────────────────────────────────────────
  'chat:listSessions': { request: void; response: SessionView[] };
  'chat:history': { request: { sessionKey: string }; response: ChatHistoryView };
  /**
   * `needsProvider` is true when the gateway refused because no model provider is configured
   * (the same failure also arrives as a `chat:event` in state `error` with `needsProvider`).
   */
  'chat:send': { request: { sessionKey: string; text: string }; response: ActionResult & { runId?: string; needsProvider?: boolean } };
  'chat:abort': { request: { sessionKey: string }; response: ActionResult };
  'chat:listModels': { request: void; response: ModelView[] };
  'chat:setModel': { request: { sessionKey: string; model: string }; response: ActionResult };

  // ── settings ──────────────────────────────────────────────────────────────────────────
  'settings:get': { request: void; response: SettingsView };
  'settings:update': { request: SettingsUpdate; response: SettingsView };
  'settings:setProvider': { request: ProviderSetup; response: ActionResult };
  /** Copies the gateway token to the clipboard in main; the renderer never receives it. */
  'settings:copyToken': { request: void; response: ActionResult };
  'settings:rotateToken': { request: void; response: ActionResult };

  // ── chat channels ─────────────────────────────────────────────────────────────────────
  'channels:status': { request: void; response: ChannelsView };
  /** channels.status with `probe`: asks each platform whether the token still works. */
  'channels:check': { request: void; response: ChannelsView };
  /** Writes the token into the gateway's config (config.patch); the answer never carries it. */
  'channels:setToken': { request: ChannelTokenInput; response: ActionResult };
  'channels:start': { request: ChannelAccountRef; response: ActionResult };
  'channels:stop': { request: ChannelAccountRef; response: ActionResult };
  'channels:logout': { request: ChannelAccountRef; response: ActionResult };

  // ── skills ────────────────────────────────────────────────────────────────────────────
  'skills:status': { request: void; response: SkillsView };
  'skills:setEnabled': { request: { skillKey: string; enabled: boolean }; response: ActionResult };
  /** Runs the skill's installer on the gateway's machine; the answer carries its output. */
  'skills:install': { request: { name: string; installId: string }; response: SkillInstallView };

  // ── logs ──────────────────────────────────────────────────────────────────────────────
  'logs:recent': { request: void; response: string[] };

  // ── scheduled jobs ────────────────────────────────────────────────────────────────────
  'scheduled:list': { request: void; response: ScheduledJobsView };
  /** Newest first. */
  'scheduled:runs': { request: { jobId: string }; response: ScheduledRunView[] };
  'scheduled:add': { request: ScheduledJobInput; response: ActionResult & { jobId?: string } };
  'scheduled:update': { request: { jobId: string; job: ScheduledJobInput }; response: ActionResult };
  'scheduled:setEnabled': { request: { jobId: string; enabled: boolean }; response: ActionResult };
  'scheduled:runNow': { request: { jobId: string }; response: ActionResult };
  'scheduled:remove': { request: { jobId: string }; response: ActionResult };
  /** For the panel: next cron wake and last heartbeat. */
  'scheduled:summary': { request: void; response: ScheduleSummaryView };

  // ── wizard ──────────────────────────────────────────────────────────────────────────────
  /** wizard.start on the gateway (the onboarding script; `channels`: only its chat-channel part). */
  'wizard:start': { request: { flow?: 'setup' | 'channels' }; response: WizardActionResult };
  /** wizard.next: the answer to the pending step (no `value` for a note or progress step). */
  'wizard:next': { request: { sessionId: string; stepId: string; value?: unknown }; response: WizardActionResult };
  'wizard:cancel': { request: { sessionId: string }; response: WizardActionResult };
  'wizard:status': { request: { sessionId: string }; response: WizardActionResult };

  // ── windows ───────────────────────────────────────────────────────────────────────────
  'window:open': { request: { view: OpenableWindowKind }; response: ActionResult };
}

/** Events main pushes to windows: `window.gatehouse.on(channel, listener)`. */
export interface EventContract {
  'tray:state': GatewayStatePayload;
  'gateway:status': GatewayStatusView;
  'approvals:changed': ApprovalView[];
  'pairing:changed': PairingRequestView[];
  /** What `pairing:senders` would answer now. */
  'pairing:sendersChanged': SenderPairingListView;
  /** What `channels:status` would answer now, after an action or a reconnect. */
  'channels:changed': ChannelsView;
  'chat:event': ChatEventView;
  'logs:line': string;
  /** What `settings:get` would answer now, whenever it changes (another window, the tray, the gateway's config). */
  'settings:changed': SettingsView;
  /** What `scheduled:list` would answer now, after a `cron` event or a reconnect. */
  'scheduled:changed': ScheduledJobsView;
  'scheduled:summaryChanged': ScheduleSummaryView;
}

export type InvokeChannel = keyof InvokeContract;
export type InvokeRequest<C extends InvokeChannel> = InvokeContract[C]['request'];
export type InvokeResponse<C extends InvokeChannel> = InvokeContract[C]['response'];
/** Channels whose request is `void` take no argument at all. */
export type InvokeArgs<C extends InvokeChannel> = [InvokeRequest<C>] extends [void] ? [] : [request: InvokeRequest<C>];

export type EventChannel = keyof EventContract;
export type EventPayload<E extends EventChannel> = EventContract[E];

/**
 * A handle returned by `on`, passed back to `off`. A number rather than the listener itself:
 * functions lose their identity when they cross the context bridge, so `off(listener)` could
 * never find the listener again (electron/electron#33328).
 */
export type SubscriptionId = number & { readonly __subscription: unique symbol };

/**
 * What a preload exposes as `window.gatehouse`. Typed with every channel of the contract, but each
 * window's bridge answers only its own kind's channels (./window-channels.ts).
 */
export interface GatehouseBridge {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResponse<C>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): SubscriptionId;
  off(subscription: SubscriptionId): void;
  /**
   * What this transport can do. Absent on the tray's IPC bridge, which can do everything; the
   * browser's bridge (renderer/web/) says which app-only controls the views must hide.
   */
  readonly capabilities?: BridgeCapabilities;
}

/** Things only the tray app can do; a view hides the controls of those that are false. */
export interface BridgeCapabilities {
  /** Start, stop, restart the gateway it supervises; choose local or remote, port and bind. */
  superviseGateway: boolean;
  /** The app's own preferences: notifications, launch at login, what quitting does. */
  appPreferences: boolean;
  /** Copy or rotate the shared gateway token from the state dir. */
  gatewayToken: boolean;
}
