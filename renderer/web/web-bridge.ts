/**
 * `window.gatehouse` in the browser: the same GatehouseBridge the tray's windows get from their
 * preload, served here over the page's own gateway session instead of Electron IPC. The channel
 * handlers are the platform-free ones the tray's controller serves too (client/); what only the
 * tray can do (supervise the gateway, app preferences, the token file) answers a failed
 * ActionResult, and `capabilities` tells the views to hide those controls.
 */
import { chatHandlers } from '../../client/chat-handlers';
import { ChatRelay } from '../../client/chat/chat-relay';
import { channelHandlers, createChannelServices } from '../../client/channels/channel-handlers';
import { skillHandlers } from '../../client/skills/skill-handlers';
import { wizardHandlers } from '../../client/wizard/wizard-handlers';
import { LogTail } from '../../client/logs/log-tail';
import { pendingApprovals, pendingPairings, pendingWorkHandlers, type PendingWorkOptions } from '../../client/operator/pending-work-handlers';
import { BadRequestError, parseRequest } from '../../client/requests/request-schemas';
import { scheduledHandlers } from '../../client/scheduled/scheduled-handlers';
import { ScheduledService } from '../../client/scheduled/scheduled-service';
import type {
  AppPlatform,
  BridgeCapabilities,
  EventChannel,
  EventPayload,
  GatehouseBridge,
  GatewayStatusView,
  InvokeArgs,
  InvokeChannel,
  InvokeResponse,
  SubscriptionId,
} from '../../shared/ipc/contract';
import type { OpenableWindowKind } from '../../shared/ipc/window-kinds';
import type { GatewaySession, SessionState } from './gateway-session';
import { WebSettings } from './web-settings';

export const WEB_CAPABILITIES: BridgeCapabilities = Object.freeze({ superviseGateway: false, appPreferences: false, gatewayToken: false });

const TRAY_ONLY = 'Only the Gatehouse tray app can do this; it is not available in the browser.';

type Handler<C extends InvokeChannel> = (request: unknown) => Promise<InvokeResponse<C>> | InvokeResponse<C>;
type Handlers = { [C in InvokeChannel]: Handler<C> };

export interface WebBridgeOptions {
  session: GatewaySession;
  socketUrl: string;
  clientVersion: string;
  /** `window:open` in the browser: move to that page of the shell. */
  openPage: (view: OpenableWindowKind) => void;
  /** Is the chat page the one showing? Its session list is then asked for with the first hello. */
  showingChat?: () => boolean;
  platform?: AppPlatform;
}

/**
 * Views a page of the browser shows only while it is open (one page at a time): their reads
 * follow the connection and the gateway's events only while a listener is subscribed, and the
 * first subscriber gets a fresh read. At sign-in the gateway then answers what the landing page
 * needs first, instead of the schedule, channels, sender requests and config of pages not shown.
 */
interface OnDemandViews {
  events: readonly EventChannel[];
  refresh: () => void;
}

export class WebBridge implements GatehouseBridge {
  readonly capabilities = WEB_CAPABILITIES;
  readonly #options: WebBridgeOptions;
  readonly #handlers: Handlers;
  readonly #listeners = new Map<number, { channel: EventChannel; listener: (payload: never) => void }>();
  readonly #last = new Map<EventChannel, string>();
  readonly #logs: LogTail;
  readonly #onDemand: readonly OnDemandViews[];
  #nextSubscription = 1;

  constructor(options: WebBridgeOptions) {
    this.#options = options;
    const { session } = options;
    const request = session.request;
    const connected = () => session.connected;
    const methods = () => session.methods;
    const log = (message: string) => console.warn(`gatehouse: ${message}`);
    const pendingWork: PendingWorkOptions = { request, snapshot: () => (session.connected ? session.snapshot.get() : undefined) };
    const chat = new ChatRelay({ request, connected, emit: (event) => this.#emit('chat:event', event) });
    const scheduled = new ScheduledService({
      request,
      connected,
      methods,
      emitJobs: (view) => this.#emit('scheduled:changed', view),
      emitSummary: (view) => this.#emit('scheduled:summaryChanged', view),
      log,
    });
    const { channels, senders } = createChannelServices({
      request,
      connected,
      methods,
      emitChannels: (view) => this.#emit('channels:changed', view),
      emitSenders: (view) => this.#emit('pairing:sendersChanged', view),
      // The page shows the request as it arrives; the browser sends no notifications.
      senderRequested: () => {},
      log,
    });
    const settings = new WebSettings({ request, connected, methods, emit: (view) => this.#emit('settings:changed', view) });
    this.#logs = new LogTail({ request, connected, emit: (line) => this.#emit('logs:line', line), log });

    const scheduledViews: OnDemandViews = { events: ['scheduled:changed', 'scheduled:summaryChanged'], refresh: () => scheduled.onConnectionChanged() };
    const settingsViews: OnDemandViews = { events: ['settings:changed'], refresh: () => void settings.refresh() };
    this.#onDemand = [
      scheduledViews,
      settingsViews,
      { events: ['channels:changed'], refresh: () => channels.onConnectionChanged() },
      { events: ['pairing:sendersChanged'], refresh: () => senders.onConnectionChanged() },
    ];

    let connectedBefore = false;
    session.onState((state) => {
      // First on the wire: what makes the chat usable.
      if (state.kind === 'connected' && !connectedBefore && options.showingChat?.() === true) chat.prefetchSessions();
      if (state.kind === 'connected') connectedBefore = true;
      this.#publishStatus(state);
      settings.markStale();
      for (const views of this.#onDemand) if (this.#watched(views)) views.refresh();
      this.#logs.onConnectionChanged();
    });
    session.snapshot.subscribe(() => this.#publishPending(pendingWork));
    session.onOperatorEvent((event) => {
      if (event.name === 'channels.pairing.requested') senders.onRequested(event.payload);
      else if (event.name === 'channels.pairing.resolved') senders.onResolved(event.payload);
    });
    session.onEvent((event, payload) => {
      chat.onGatewayEvent(event, payload);
      if (event === 'config.changed') {
        settings.markStale();
        if (this.#watched(settingsViews)) void settings.refresh();
      } else if ((event === 'cron' || event === 'heartbeat') && this.#watched(scheduledViews)) scheduled.onGatewayEvent(event, payload);
    });

    const trayOnly = () => ({ ok: false, message: TRAY_ONLY });
    this.#handlers = {
      'app:getInfo': () => ({ version: options.clientVersion, platform: options.platform ?? browserPlatform() }),
      'tray:getState': () => ({ state: this.#status().state }),
      'gateway:getStatus': () => this.#status(),
      'gateway:start': trayOnly,
      'gateway:stop': trayOnly,
      'gateway:restart': trayOnly,
      'gateway:retry': trayOnly,
      ...pendingWorkHandlers(pendingWork),
      ...channelHandlers(channels, senders),
      ...skillHandlers({ request, connected, methods }),
      ...wizardHandlers({ request, connected, methods }),
      ...chatHandlers(chat),
      'settings:get': () => settings.current(),
      'settings:update': () => Promise.reject(new BadRequestError('settings:update', TRAY_ONLY)),
      'settings:setProvider': (raw) => settings.setProvider(parseRequest('settings:setProvider', raw)),
      'settings:copyToken': trayOnly,
      'settings:rotateToken': trayOnly,
      'logs:recent': async () => {
        const lines = await this.#logs.recent();
        this.#logs.follow();
        return lines;
      },
      ...scheduledHandlers(scheduled),
      'window:open': (raw) => {
        options.openPage(parseRequest('window:open', raw).view);
        return { ok: true };
      },
    };
  }

  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResponse<C>> {
    const handler = this.#handlers[channel] as Handler<C> | undefined;
    if (handler === undefined) return Promise.reject(new BadRequestError(String(channel), 'not a channel'));
    try {
      return Promise.resolve(handler(args[0]));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): SubscriptionId {
    const id = this.#nextSubscription++;
    const views = this.#onDemand.find((family) => family.events.includes(channel));
    const firstWatcher = views !== undefined && !this.#watched(views);
    this.#listeners.set(id, { channel, listener: listener as (payload: never) => void });
    // A page showing these views opened: from now on they follow the connection and the gateway's events.
    if (firstWatcher) views.refresh();
    return id as SubscriptionId;
  }

  off(subscription: SubscriptionId): void {
    this.#listeners.delete(subscription);
    // Nobody reads the log any more: stop asking the gateway for it.
    if (![...this.#listeners.values()].some((entry) => entry.channel === 'logs:line')) this.#logs.stop();
  }

  #watched(views: OnDemandViews): boolean {
    for (const entry of this.#listeners.values()) if (views.events.includes(entry.channel)) return true;
    return false;
  }

  #emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    for (const entry of [...this.#listeners.values()]) {
      if (entry.channel === channel) (entry.listener as (payload: EventPayload<E>) => void)(payload);
    }
  }

  /** Emits a view only when it differs from the last one sent on that channel. */
  #emitChanged<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    const key = JSON.stringify(payload);
    if (this.#last.get(channel) === key) return;
    this.#last.set(channel, key);
    this.#emit(channel, payload);
  }

  #status(): GatewayStatusView {
    const { session, socketUrl } = this.#options;
    const state = session.state;
    const snapshot = session.connected ? session.snapshot.get() : undefined;
    return {
      // The browser never runs a gateway: the one that served this page is attached.
      state: state.kind === 'connected' ? 'attached' : state.kind === 'connecting' || state.kind === 'starting' ? 'starting' : 'stopped',
      url: socketUrl,
      attached: true,
      since: state.kind === 'connected' ? state.gateway.helloAtMs : Date.now(),
      connection: connectionOf(state),
      counts: {
        approvals: snapshot?.execApprovals.pending.length ?? 0,
        pairing: (snapshot?.pendingPairings.length ?? 0) + (snapshot?.pendingNodePairings.length ?? 0),
      },
      canRetry: false,
    };
  }

  #publishStatus(state: SessionState): void {
    const status = this.#status();
    this.#emitChanged('gateway:status', status);
    this.#emitChanged('tray:state', { state: status.state });
    this.#publishPending({ request: this.#options.session.request, snapshot: () => (state.kind === 'connected' ? this.#options.session.snapshot.get() : undefined) });
  }

  #publishPending(pendingWork: PendingWorkOptions): void {
    this.#emitChanged('approvals:changed', pendingApprovals(pendingWork));
    this.#emitChanged('pairing:changed', pendingPairings(pendingWork));
    this.#emitChanged('gateway:status', this.#status());
  }
}

function connectionOf(state: SessionState): GatewayStatusView['connection'] {
  switch (state.kind) {
    case 'connected':
      return { status: 'connected' };
    case 'connecting':
    case 'starting':
    case 'reconnecting':
      return { status: 'connecting' };
    case 'awaiting-approval':
      return { status: 'paused', nextStep: 'Waiting for this browser to be approved.' };
    default:
      return { status: 'disconnected' };
  }
}

/** The platform the key hints follow (Cmd on macOS, Ctrl elsewhere). */
function browserPlatform(): AppPlatform {
  const agent = navigator.userAgent;
  if (/Mac|iPhone|iPad/.test(agent)) return 'darwin';
  if (/Windows/.test(agent)) return 'win32';
  return 'linux';
}
