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
import type { ChannelPairingRequest } from '../protocol/channels/events.js';
import type { ChannelAccountSnapshot } from '../protocol/channels/results.js';
import type { CronJobView, CronRunLogEntry } from '../protocol/cron/results.js';
import type { HeartbeatEvent } from '../protocol/heartbeat/results.js';
import type { GatewayState } from './gateway-state.js';
import type { OpenableWindowKind } from './window-kinds.js';

export type { GatewayState } from './gateway-state.js';

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

export interface SessionView {
  key: string;
  title: string;
  updatedAt: number;
  model?: string;
  active: boolean;
}

/** Where a tool call's exec approval stands (spec §16): asked, allowed, denied, or ended undecided. */
export type ToolApprovalState = 'pending' | 'approved' | 'denied' | 'expired';

/** A tool the model called, as a card: what ran, whether a person allowed it, what came back. */
export interface ToolCardView {
  /** The tool call id. */
  id: string;
  name: string;
  /** The shell command of an exec call. */
  command?: string;
  /** The other calls' arguments as JSON (cut). */
  args?: string;
  state: 'running' | 'done' | 'failed';
  /** What it returned (stdout and stderr of an exec call, cut). */
  output?: string;
  exitCode?: number;
  /** `approvalId` is the exec.approval id the gateway asked under, when it asked. */
  approval?: { state: ToolApprovalState; approvalId?: string };
}

/** An image of a message, as a data: URL of an allowed raster type. */
export interface ChatImageView {
  mimeType: string;
  dataUrl: string;
}

/** A run's parts beyond its text, while it streams and once it is done. */
export interface ChatRunParts {
  /** The model's reasoning. */
  thinking?: string;
  tools?: ToolCardView[];
}

export interface ChatMessageView extends ChatRunParts {
  id: string;
  role: 'user' | 'assistant' | 'tool' | 'system';
  /** The message's text (Markdown for the assistant). */
  text: string;
  timestamp: number;
  images?: ChatImageView[];
  aborted?: boolean;
  error?: string;
}

export interface ChatHistoryView {
  sessionKey: string;
  messages: ChatMessageView[];
  /** A run still streaming when the history was read: its text (and parts) so far. */
  streaming?: { runId: string; text: string } & ChatRunParts;
}

export interface ModelView {
  ref: string;
  name: string;
  provider: string;
}

export interface ChatEventView extends ChatRunParts {
  /**
   * The key the renderer used for this session (in `chat:send` or `chat:history`); for runs
   * another client started, the gateway's canonical key (`agent:<agentId>:<key>`).
   */
  sessionKey: string;
  runId: string;
  state: 'delta' | 'final' | 'aborted' | 'error';
  /** Cumulative assistant text so far. */
  text: string;
  error?: string;
  /** The error asks the user to configure a model provider (the UI links to Settings). */
  needsProvider?: boolean;
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

// ── scheduled jobs (cron) ─────────────────────────────────────────────────────────────────
// Derived from the protocol's own result types (shared/protocol/cron/results.ts), so a change of
// the wire shape shows up here as a compile error, not as a silently wrong window.

type CronSchedule = CronJobView['schedule'];

/** A job's schedule as the window shows it (the protocol's, minus bookkeeping such as the anchor). */
export type ScheduleView =
  | Pick<Extract<CronSchedule, { kind: 'cron' }>, 'kind' | 'expr'>
  | Pick<Extract<CronSchedule, { kind: 'every' }>, 'kind' | 'everyMs'>
  | Pick<Extract<CronSchedule, { kind: 'at' }>, 'kind' | 'atMs'>;

/** `ok | error | skipped | missed` (a slot that fell while the gateway was down). */
export type ScheduledRunStatus = NonNullable<CronRunLogEntry['status']>;

export interface ScheduledJobView extends Pick<CronJobView, 'id' | 'name' | 'enabled' | 'sessionTarget' | 'description'> {
  schedule: ScheduleView;
  /**
   * The IANA zone every time of this job is shown in: the job's own for cron schedules (the
   * gateway stores the host's zone when none is given), the companion's for `at`/`every`, which
   * name an instant or an interval and have no zone of their own.
   */
  timeZone: string;
  zoneSource: 'job' | 'local';
  /** What it does: the system event's text or the agent turn's message. */
  payload: { kind: CronJobView['payload']['kind']; text: string };
  nextRunAtMs?: number;
  runningAtMs?: number;
  lastRunAtMs?: number;
  lastStatus?: ScheduledRunStatus;
  lastError?: string;
  consecutiveErrors?: number;
  /** Set when the gateway turned the job off after repeated failures. */
  autoDisabled?: { reason: string; atMs: number };
}

export interface ScheduledJobsView {
  /** `offline`: no operator connection; `unsupported`: the gateway does not serve cron.list. */
  state: 'ready' | 'offline' | 'unsupported';
  jobs: ScheduledJobView[];
  /** The companion's own zone (the default of the form's zone picker). */
  timeZone: string;
}

export interface ScheduledRunView extends Pick<CronRunLogEntry, 'ts' | 'runAtMs' | 'durationMs' | 'error' | 'summary'> {
  id: string;
  status: ScheduledRunStatus | 'unknown';
}

/** What the Add/Edit form sends; main turns it into `cron.add` / `cron.update` params. */
export interface ScheduledJobInput {
  name: string;
  schedule: { kind: 'cron'; expr: string; tz: string } | { kind: 'every'; everyMs: number } | { kind: 'at'; atMs: number };
  payload: { kind: 'systemEvent' | 'agentTurn'; text: string };
}

/** The panel's line on scheduled work. A part is absent when the gateway does not serve its method. */
export interface ScheduleSummaryView {
  cron?: { enabled: boolean; jobs: number; nextWakeAtMs: number | null };
  /** null: the gateway serves last-heartbeat, but no heartbeat has run yet. */
  heartbeat?: Pick<HeartbeatEvent, 'ts' | 'status' | 'preview' | 'reason'> | null;
  timeZone: string;
}

// ── chat channels (Telegram, Discord) ─────────────────────────────────────────────────────
// Derived from the protocol's result types (shared/protocol/channels/results.ts, events.ts).

/** The channels whose bot token Settings can set (the config key differs: `botToken`, `token`). */
export type TokenChannelId = 'telegram' | 'discord';

/**
 * An account's health as channels.status reports it (`healthState`); `unknown` for a state this
 * companion does not know (a newer gateway), shown with the gateway's own word.
 */
export type ChannelHealth =
  | 'connected'
  | 'connecting'
  | 'backoff'
  | 'stopped'
  | 'unauthorized'
  | 'rate-limited'
  | 'error'
  | 'not-configured'
  | 'disabled'
  | 'logged-out'
  | 'unknown';

export interface ChannelAccountView
  extends Pick<ChannelAccountSnapshot, 'accountId' | 'enabled' | 'running' | 'connected' | 'reconnectAttempts' | 'lastConnectedAt' | 'lastInboundAt' | 'lastOutboundAt' | 'lastProbeAt'> {
  health: ChannelHealth;
  /** The gateway's word for the state, when `health` is `unknown`. */
  healthLabel?: string;
  /** Whether the account has a token: never the token itself. */
  token: 'set' | 'not-set';
  /** Where the token comes from (`config`, `env`, `tokenFile`), when set. */
  tokenSource?: string;
  lastError?: string;
  /** The last "Check now" result, when the gateway ran a probe. */
  probe?: { ok: boolean; detail?: string };
  isDefault: boolean;
}

export interface ChatChannelView {
  id: string;
  label: string;
  /** Settings can set this channel's token. */
  tokenChannel?: TokenChannelId;
  defaultAccountId: string;
  accounts: ChannelAccountView[];
}

export interface ChannelsView {
  /** `offline`: no operator connection; `unsupported`: the gateway does not serve channels.status. */
  state: 'ready' | 'offline' | 'unsupported';
  channels: ChatChannelView[];
  /** Which of start / stop / logout the gateway serves. */
  actions: { start: boolean; stop: boolean; logout: boolean };
  checkedAtMs?: number;
}

export interface ChannelAccountRef {
  channel: string;
  accountId: string;
}

export interface ChannelTokenInput {
  channel: TokenChannelId;
  /** The account to set it for; the channel's default account when absent. */
  accountId?: string;
  /** Sent once, written into the gateway's config by main, never read back. */
  token: string;
}

/** A chat sender (Telegram, Discord) waiting to be allowed to talk to the agent. */
export interface SenderPairingView extends Pick<ChannelPairingRequest, 'requestId' | 'channel' | 'channelLabel' | 'accountId' | 'senderId' | 'senderLabel'> {
  /** The code the sender was given (the request id). */
  code: string;
  requestedAtMs: number;
  expiresAtMs: number;
}

export interface SenderPairingListView {
  /** `unsupported`: the gateway does not serve channels.pairing.list (the section is hidden). */
  state: 'ready' | 'offline' | 'unsupported';
  requests: SenderPairingView[];
}

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
