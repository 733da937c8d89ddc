/**
 * CompanionController: the app's behaviour behind the IPC contract, in plain TypeScript.
 *
 * It serves every `InvokeContract` channel on top of the gateway link (supervisor + operator
 * connection, see gateway-link.ts), the settings, and the Electron pieces that come in as small
 * interfaces; and it pushes every `EventContract` event through `emit`. Electron's IPC (through
 * main/ipc/) and the e2e test bridge call the same `invoke`.
 *
 * The renderer is untrusted input: every request is checked against its schema first. Channels
 * that answer an ActionResult answer a failed one (`ok: false` + a sentence) instead of
 * throwing; the others reject with a BadRequestError or the failure's own message.
 */
import type {
  ActionResult,
  AppInfo,
  ApprovalView,
  EventChannel,
  EventPayload,
  GatewayStatusView,
  InvokeChannel,
  InvokeResponse,
  PairingRequestView,
} from '../../shared/ipc/contract.js';
import { rotateGatewayToken } from '../../shared/gateway-host/token-file.js';
import type { SecretEncryption } from '../identity/secret-box.js';
import type { GatewayLogLine } from '../supervisor/gateway-output-log.js';
import type { SupervisorIntent } from '../supervisor/supervisor-status.js';
import type { LaunchAtLogin } from '../settings/launch-at-login.js';
import type { PreferencesStore, SecretStore } from '../settings/preferences.js';
import { ApprovalPrompter } from './approval-prompter.js';
import { channelHandlers, createChannelServices } from '../../client/channels/channel-handlers.js';
import { skillHandlers, type SkillHandlers } from '../../client/skills/skill-handlers.js';
import { wizardHandlers } from '../../client/wizard/wizard-handlers.js';
import type { ChannelsService } from '../../client/channels/channels-service.js';
import { ChatRelay } from '../../client/chat/chat-relay.js';
import { chatHandlers } from '../../client/chat-handlers.js';
import type { Clipboard, Notifier, WindowOpener } from './companion-ports.js';
import { describeFailure } from '../../client/describe-failure.js';
import type { GatewayLink, GatewayLinkFactory, LinkTarget } from './gateway-link.js';
import { gatewayStatusView, liveSnapshot } from './operator-views.js';
import { BadRequestError, parseRequest } from '../../client/requests/request-schemas.js';
import { ScheduledService } from '../../client/scheduled/scheduled-service.js';
import { scheduledHandlers } from '../../client/scheduled/scheduled-handlers.js';
import { pendingApprovals, pendingPairings, pendingWorkHandlers, type PendingWorkOptions } from '../../client/operator/pending-work-handlers.js';
import { actionResult } from '../../client/action-result.js';
import type { SenderPairingService } from '../../client/channels/sender-pairing-service.js';
import { SettingsService } from './settings-service.js';
import type { ControlUiGateway } from '../operator/control-ui-login.js';

export type EmitEvent = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;

export interface CompanionControllerOptions {
  appInfo: AppInfo;
  links: GatewayLinkFactory;
  preferences: PreferencesStore;
  secrets: SecretStore;
  launchAtLogin: LaunchAtLogin;
  notifier: Notifier;
  clipboard: Clipboard;
  windows: WindowOpener;
  /** Whether the device key and tokens are encrypted at rest (DeviceIdentityStore.encryption). */
  secretEncryption: () => SecretEncryption;
  emit: EmitEvent;
  /** The companion's IANA time zone (the Scheduled window's default); the system's by default. */
  timeZone?: () => string;
  /** Wait before a burst of gateway `cron` events refreshes the job list (ms). */
  scheduledRefreshDelayMs?: number;
  /** When the Channels section is read again after an action or a reconnect (ms). */
  channelsRefreshDelaysMs?: readonly number[];
  /** Writes a new shared token into the state dir; rotateGatewayToken by default. */
  rotateToken?: (stateDir: string) => void;
  log?: (level: 'info' | 'warn', message: string) => void;
}

type Handler<C extends InvokeChannel> = (request: unknown) => Promise<InvokeResponse<C>> | InvokeResponse<C>;
type Handlers = { [C in InvokeChannel]: Handler<C> };

export class CompanionController {
  readonly #options: CompanionControllerOptions;
  readonly #handlers: Handlers;
  readonly #chat: ChatRelay;
  readonly #settings: SettingsService;
  readonly #prompter: ApprovalPrompter;
  readonly #scheduled: ScheduledService;
  readonly #channels: ChannelsService;
  readonly #skills: SkillHandlers;
  readonly #senders: SenderPairingService;
  readonly #pendingWork: PendingWorkOptions;
  readonly #statusListeners = new Set<(status: GatewayStatusView) => void>();
  #link: GatewayLink;
  #detach: () => void = () => {};
  #relinking: Promise<void> = Promise.resolve();
  #last: { status?: string; state?: string; approvals?: string; pairing?: string } = {};
  #closed = false;

  constructor(options: CompanionControllerOptions) {
    this.#options = options;
    const request = (method: string, params: unknown, requestOptions?: { timeoutMs?: number }) =>
      this.#link.operator.request(method, params, requestOptions);
    const connected = () => this.#link.operator.status.kind === 'connected';
    this.#pendingWork = { request, snapshot: () => liveSnapshot(this.#link.operator.status, this.#link.operator.snapshot.get()) };
    this.#chat = new ChatRelay({ request, connected, emit: (event) => options.emit('chat:event', event) });
    this.#settings = new SettingsService({
      preferences: options.preferences,
      secrets: options.secrets,
      launchAtLogin: options.launchAtLogin,
      secretEncryption: options.secretEncryption,
      request,
      connected,
      relink: () => this.#relink(),
      changed: (view) => options.emit('settings:changed', view),
      log: (message) => options.log?.('warn', message),
    });
    this.#scheduled = new ScheduledService({
      request,
      connected,
      methods: () => this.#link.operator.methods,
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
      ...(options.scheduledRefreshDelayMs === undefined ? {} : { refreshDelayMs: options.scheduledRefreshDelayMs }),
      emitJobs: (view) => options.emit('scheduled:changed', view),
      emitSummary: (view) => options.emit('scheduled:summaryChanged', view),
      log: (message) => options.log?.('warn', message),
    });
    this.#skills = skillHandlers({ request, connected, methods: () => this.#link.operator.methods });
    ({ channels: this.#channels, senders: this.#senders } = createChannelServices({
      request,
      connected,
      methods: () => this.#link.operator.methods,
      ...(options.channelsRefreshDelaysMs === undefined ? {} : { refreshDelaysMs: options.channelsRefreshDelaysMs }),
      emitChannels: (view) => options.emit('channels:changed', view),
      // The panel's pairing count includes waiting senders.
      emitSenders: (view) => {
        options.emit('pairing:sendersChanged', view);
        this.#publish();
      },
      // Notified from the event itself (#attach), which names the request its notification withdraws with.
      senderRequested: () => {},
      log: (message) => options.log?.('warn', message),
    }));
    this.#prompter = new ApprovalPrompter({
      notifier: options.notifier,
      windows: options.windows,
      notificationsEnabled: () => options.preferences.read().notifications,
    });
    this.#link = options.links(this.#target());
    this.#attach(this.#link);
    this.#handlers = this.#buildHandlers();
    // What windows get by asking; from here on, only changes are pushed.
    this.#publish({ remember: true });
  }

  /** Starts (or connects to) the gateway the preferences name. */
  async start(): Promise<void> {
    await this.#link.control.start();
  }

  /** Serves one channel. `request` is whatever the renderer sent: it is checked here. */
  async invoke<C extends InvokeChannel>(channel: C, request?: unknown): Promise<InvokeResponse<C>> {
    const handler = this.#handlers[channel] as Handler<C> | undefined;
    if (handler === undefined) throw new BadRequestError(String(channel), 'not a channel');
    return handler(request);
  }

  get status(): GatewayStatusView {
    const { control, operator } = this.#link;
    const view = gatewayStatusView(control.status, operator.status, liveSnapshot(operator.status, operator.snapshot.get()));
    // Chat senders wait too (read with the list; none while disconnected).
    const senders = operator.status.kind === 'connected' ? (this.#senders?.count ?? 0) : 0;
    return senders === 0 ? view : { ...view, counts: { ...view.counts, pairing: view.counts.pairing + senders } };
  }

  /** For the tray: every change of the status row. Returns the unsubscribe function. */
  onStatus(listener: (status: GatewayStatusView) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /** Tray menu and IPC alike: start | stop | restart | retry. */
  async gatewayIntent(intent: SupervisorIntent): Promise<ActionResult> {
    const { control } = this.#link;
    if ((intent === 'stop' || intent === 'restart') && control.status.state === 'attached') {
      return { ok: false, message: `This gateway was started outside Gatehouse, so Gatehouse will not ${intent} it. ${capitalize(intent)} it where it was started.` };
    }
    try {
      const result = await control[intent]();
      const ok = result.outcome === 'done' || result.outcome === 'superseded';
      return { ok, ...(result.message === undefined ? {} : { message: result.message }) };
    } catch (error) {
      return { ok: false, message: describeFailure(error) };
    }
  }

  /** True when a gateway this app launched is up: the only case where quitting may stop one. */
  get ownsRunningGateway(): boolean {
    const { state } = this.#link.control.status;
    return this.#link.mode === 'local' && (state === 'running' || state === 'starting' || state === 'degraded');
  }

  /** Something outside Settings changed what it shows (the tray's Launch at login): tell the windows. */
  settingsChanged(): void {
    this.#settings.announce();
  }

  /**
   * What the tray's "Open Control UI" signs in with (main/operator/control-ui-login.ts): the
   * gateway's URL and shared token, and for a local gateway (ours or attached) its state dir,
   * whose lock file names the TLS fingerprint. Undefined while no token is known (a remote
   * gateway entered without one): the login-code route takes nothing else.
   */
  get controlUiGateway(): ControlUiGateway | undefined {
    const { control, token, stateDir } = this.#link;
    if (token === undefined) return undefined;
    return { url: control.url, secret: token, ...(stateDir === undefined ? {} : { stateDir }) };
  }

  /** Whether quitting could leave the gateway we launched running (see GatewaySupervisor.canLeaveRunning). */
  get canLeaveGatewayRunning(): boolean {
    return this.#link.canLeaveGatewayRunning;
  }

  /**
   * App quit. `stopGateway` stops a gateway we launched; without it, one that can outlive the
   * app is left running. An attached or remote gateway is never stopped.
   */
  async shutdown({ stopGateway }: { stopGateway: boolean }): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#relinking.catch(() => undefined);
    this.#detach();
    this.#scheduled.dispose();
    this.#channels.dispose();
    this.#senders.dispose();
    this.#statusListeners.clear();
    await this.#link.close({ stopGateway });
  }

  // ── the handler table ─────────────────────────────────────────────────────────────────────

  #buildHandlers(): Handlers {
    const { appInfo } = this.#options;
    return {
      'app:getInfo': () => ({ version: appInfo.version, platform: appInfo.platform }),
      'tray:getState': () => ({ state: this.#link.control.status.state }),
      'gateway:getStatus': () => this.status,
      'gateway:start': () => this.gatewayIntent('start'),
      'gateway:stop': () => this.gatewayIntent('stop'),
      'gateway:restart': () => this.gatewayIntent('restart'),
      'gateway:retry': () => this.gatewayIntent('retry'),

      ...pendingWorkHandlers(this.#pendingWork),
      ...channelHandlers(this.#channels, this.#senders),
      ...this.#skills,
      // ── wizard ── the gateway's setup wizard, over the operator connection.
      ...wizardHandlers({
        request: (method, params, requestOptions) => this.#link.operator.request(method, params, requestOptions),
        connected: () => this.#link.operator.status.kind === 'connected',
        methods: () => this.#link.operator.methods,
      }),

      ...chatHandlers(this.#chat),

      'settings:get': () => this.#settings.view(),
      'settings:update': (raw) => this.#settings.update(parseRequest('settings:update', raw)),
      'settings:setProvider': (raw) => actionResult(() => this.#settings.setProvider(parseRequest('settings:setProvider', raw))),
      'settings:copyToken': () => actionResult(async () => this.#copyToken()),
      'settings:rotateToken': () => actionResult(() => this.#rotateToken()),

      'logs:recent': () => this.#link.control.log.lines().map(logLineText),

      ...scheduledHandlers(this.#scheduled),
      'window:open': (raw) =>
        actionResult(async () => {
          this.#options.windows.open(parseRequest('window:open', raw).view);
          return { ok: true };
        }),
    };
  }

  #approvals(): ApprovalView[] {
    return pendingApprovals(this.#pendingWork);
  }

  #pairing(): PairingRequestView[] {
    return pendingPairings(this.#pendingWork);
  }

  #copyToken(): ActionResult {
    const token = this.#link.token;
    if (token === undefined) return { ok: false, message: 'Gatehouse has no token for this gateway.' };
    this.#options.clipboard.writeText(token);
    return { ok: true, message: 'The gateway token is on the clipboard.' };
  }

  async #rotateToken(): Promise<ActionResult> {
    const link = this.#link;
    if (link.mode !== 'local' || link.stateDir === undefined) {
      return { ok: false, message: 'This gateway runs elsewhere: rotate its token there, then enter the new one in Settings.' };
    }
    if (link.control.status.state === 'attached') {
      return { ok: false, message: 'The gateway on this port was started outside Gatehouse, so its token is not Gatehouse’s to rotate. Rotate it where it was started.' };
    }
    (this.#options.rotateToken ?? rotateGatewayToken)(link.stateDir);
    this.#options.log?.('info', 'rotated the gateway token; restarting the gateway with it');
    await this.#relink();
    return { ok: true, message: 'The token was rotated. Clients that used the old token need the new one.' };
  }

  // ── the link and its events ───────────────────────────────────────────────────────────────

  #target(): LinkTarget {
    const preferences = this.#options.preferences.read();
    if (preferences.gatewayMode === 'remote' && preferences.remoteUrl !== undefined) {
      const token = this.#options.secrets.get('remoteGatewayToken');
      return { mode: 'remote', url: preferences.remoteUrl, ...(token === undefined ? {} : { token }) };
    }
    return { mode: 'local', port: preferences.port };
  }

  /** Replaces the link (one at a time): the old one is closed (its gateway stopped if ours), the new one started. */
  #relink(): Promise<void> {
    const run = this.#relinking.catch(() => undefined).then(async () => {
      if (this.#closed) return;
      const old = this.#link;
      const wasStopped = old.control.status.state === 'stopped';
      this.#detach();
      await old.close({ stopGateway: true });
      this.#settings.forgetGateway();
      this.#link = this.#options.links(this.#target());
      this.#attach(this.#link);
      this.#publish();
      // A local gateway the person had stopped stays stopped; otherwise bring the new one up.
      if (!(wasStopped && this.#link.mode === 'local')) void this.#link.control.start();
    });
    this.#relinking = run;
    return run;
  }

  #attach(link: GatewayLink): void {
    const { control, operator } = link;
    const offs = [
      control.subscribe(() => this.#publish()),
      operator.onStatus((status) => {
        this.#publish();
        if (status.kind === 'connected') void this.#settings.refreshFromGateway();
        this.#scheduled.onConnectionChanged();
        this.#channels.onConnectionChanged();
        this.#senders.onConnectionChanged();
      }),
      operator.snapshot.subscribe(() => this.#publish()),
      operator.onEvent('exec.approval.requested', () => this.#prompter.approvalRequested()),
      operator.onEvent('device.pair.requested', (request) => this.#prompter.pairingRequested('device', request.silent === true)),
      operator.onEvent('node.pair.requested', (request) => this.#prompter.pairingRequested('node', request.silent === true)),
      operator.onEvent('channels.pairing.requested', (request) => {
        this.#senders.onRequested(request);
        this.#prompter.senderPairingRequested(request);
      }),
      operator.onEvent('channels.pairing.resolved', (resolved) => {
        this.#prompter.senderPairingResolved(resolved);
        this.#senders.onResolved(resolved);
      }),
      operator.onAnyEvent((event) => {
        this.#chat.onGatewayEvent(event.event, event.payload);
        if (event.event === 'config.changed') void this.#settings.refreshFromGateway();
        else if (event.event === 'cron' || event.event === 'heartbeat') this.#scheduled.onGatewayEvent(event.event, event.payload);
      }),
      control.log.subscribe((line) => this.#options.emit('logs:line', logLineText(line))),
    ];
    this.#detach = () => {
      for (const off of offs) off();
    };
  }

  /** Pushes what changed: status (+ tray state), approvals, pairing. Unchanged views are not sent again. */
  #publish({ remember = false }: { remember?: boolean } = {}): void {
    if (this.#closed) return;
    const emit: EmitEvent = remember ? () => {} : this.#options.emit;
    const status = this.status;
    const statusKey = JSON.stringify(status);
    if (statusKey !== this.#last.status) {
      this.#last.status = statusKey;
      emit('gateway:status', status);
      if (!remember) for (const listener of [...this.#statusListeners]) listener(status);
    }
    if (status.state !== this.#last.state) {
      this.#last.state = status.state;
      emit('tray:state', { state: status.state });
    }
    const approvals = this.#approvals();
    const approvalsKey = JSON.stringify(approvals);
    if (approvalsKey !== this.#last.approvals) {
      this.#last.approvals = approvalsKey;
      emit('approvals:changed', approvals);
    }
    const pairing = this.#pairing();
    const pairingKey = JSON.stringify(pairing);
    if (pairingKey !== this.#last.pairing) {
      this.#last.pairing = pairingKey;
      emit('pairing:changed', pairing);
    }
  }
}

/**
 * A line for the logs view: the gateway's own lines as it wrote them (pino JSON, which the view
 * formats), the supervisor's notes as JSON lines of the same shape.
 */
export function logLineText(line: GatewayLogLine): string {
  if (line.stream !== 'supervisor') return line.text;
  return JSON.stringify({ time: line.ts, level: 'info', msg: line.text, source: 'supervisor' });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
