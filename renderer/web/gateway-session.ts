/**
 * The browser's one operator connection to the gateway that served this page, over the
 * reference browser client (`@openclaw/gateway-client/browser`: frames, challenge, request
 * correlation, reconnect back-off) with this page's WebSocket, device identity and token store.
 *
 * Sign-in (protocol §8, §9, §11): a one-time login code (`auth.bootstrapToken`) or a pasted
 * shared token, used once and kept only in memory; the device token the gateway issues in
 * hello-ok is kept in IndexedDB and signs this browser in from then on. A connect the gateway
 * refuses becomes a SignInOutcome (client/sign-in): waiting for approval keeps retrying by
 * itself; a refused code or token stops and says what to do.
 */
import {
  GatewayBrowserDeviceAuthLifecycle,
  GatewayProtocolClient,
  GatewayProtocolRequestError,
  PROTOCOL_VERSION,
  type GatewayBrowserDeviceAuthPlan,
  type GatewayBrowserDeviceIdentity,
  type HelloOk,
} from '@openclaw/gateway-client/browser';
import type { GatewayRequest } from '../../client/gateway-request.js';
import { applyOperatorEvent, needsSnapshotReload, type CheckedOperatorEvent } from '../../client/operator/operator-events.js';
import { OperatorSnapshotStore, reloadOperatorSnapshot } from '../../client/operator/operator-snapshot.js';
import { signInOutcome, type SignInOutcome } from '../../client/sign-in/sign-in-outcome.js';
import { CONTROL_UI_CLIENT, CONTROL_UI_ROLE, CONTROL_UI_SCOPES } from './control-ui-client.js';
import { loadDeviceIdentity, SecureContextRequiredError } from './device-identity.js';
import { deviceTokenStore } from './device-token-store.js';
import { adoptEarlySocket, discardEarlySocket, type SocketHandlers } from './early-socket.js';

export interface ConnectedGateway {
  serverVersion: string;
  methods: readonly string[];
  scopes: readonly string[];
  /** hello-ok `snapshot.uptimeMs`, and when this page received it. */
  uptimeMs: number;
  helloAtMs: number;
}

export type SessionState =
  | { kind: 'starting' }
  /** No credentials yet (or they were refused): the sign-in form. */
  | { kind: 'signed-out'; problem?: string }
  | { kind: 'connecting' }
  | { kind: 'connected'; gateway: ConnectedGateway }
  /** This browser is waiting for an operator to approve it; retries by itself. */
  | { kind: 'awaiting-approval'; deviceId: string; requestId?: string }
  /** The login code was used, expired or unknown: a new link is needed. */
  | { kind: 'code-refused'; message: string }
  /** The socket dropped; the client reconnects by itself. */
  | { kind: 'reconnecting'; message: string }
  /** Something this page cannot fix: the reason. */
  | { kind: 'stopped'; message: string }
  /** Not https and not localhost: the browser offers no WebCrypto to sign in with. */
  | { kind: 'insecure' };

export interface GatewaySessionOptions {
  socketUrl: string;
  clientVersion: string;
  loginCode?: string;
}

interface Credentials {
  token?: string;
  bootstrapToken?: string;
}

export class GatewaySession {
  readonly snapshot = new OperatorSnapshotStore();
  readonly #options: GatewaySessionOptions;
  readonly #stateListeners = new Set<(state: SessionState) => void>();
  readonly #eventListeners = new Set<(event: string, payload: unknown) => void>();
  readonly #operatorListeners = new Set<(event: CheckedOperatorEvent) => void>();
  #state: SessionState = { kind: 'starting' };
  #credentials: Credentials = {};
  #identity: GatewayBrowserDeviceIdentity | undefined;
  #lifecycle: GatewayBrowserDeviceAuthLifecycle | undefined;
  #client: GatewayProtocolClient<GatewayBrowserDeviceAuthPlan> | undefined;
  #lastPlan: GatewayBrowserDeviceAuthPlan | undefined;
  #methods: readonly string[] = [];
  #lastMethods: readonly string[] = [];
  #reloads = 0;
  /** Sockets of the current client that have closed: a hello from before one is stale. */
  #closes = 0;

  constructor(options: GatewaySessionOptions) {
    this.#options = options;
    if (options.loginCode !== undefined) this.#credentials = { bootstrapToken: options.loginCode };
  }

  get state(): SessionState {
    return this.#state;
  }

  /** hello-ok `features.methods` while connected; empty otherwise. */
  get methods(): readonly string[] {
    return this.#methods;
  }

  /** The methods of the last connection, kept while reconnecting (the shell keeps its pages). */
  get lastMethods(): readonly string[] {
    return this.#lastMethods;
  }

  get connected(): boolean {
    return this.#state.kind === 'connected';
  }

  onState(listener: (state: SessionState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** Every gateway event, payload unchecked. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Events the operator snapshot acts on, checked against their schemas. */
  onOperatorEvent(listener: (event: CheckedOperatorEvent) => void): () => void {
    this.#operatorListeners.add(listener);
    return () => this.#operatorListeners.delete(listener);
  }

  readonly request: GatewayRequest = (method, params, options) => {
    const client = this.#client;
    if (client === undefined || this.#state.kind !== 'connected') return Promise.reject(new Error(`not connected to the gateway (${this.#state.kind})`));
    return client.request(method, params, options?.timeoutMs === undefined ? undefined : { timeoutMs: options.timeoutMs });
  };

  /** Signs in with the login code of the address, else the stored device token, else asks. */
  async start(): Promise<void> {
    try {
      this.#identity = await loadDeviceIdentity();
    } catch (error) {
      discardEarlySocket();
      this.#setState(error instanceof SecureContextRequiredError ? { kind: 'insecure' } : { kind: 'stopped', message: `This browser could not make a device key: ${describe(error)}` });
      return;
    }
    const identity = this.#identity;
    this.#lifecycle = new GatewayBrowserDeviceAuthLifecycle({ loadIdentity: async () => identity, tokenStore: deviceTokenStore });
    const signedInBefore = await deviceTokenStore.has({ clientId: CONTROL_UI_CLIENT.id, deviceId: identity.deviceId, role: CONTROL_UI_ROLE });
    if (this.#credentials.bootstrapToken === undefined && !signedInBefore) {
      discardEarlySocket();
      this.#setState({ kind: 'signed-out' });
      return;
    }
    this.#open();
  }

  /** The sign-in form: a shared token (or password-less token) pasted by the person. */
  signInWithToken(token: string): void {
    const trimmed = token.trim();
    if (trimmed === '' || this.#lifecycle === undefined) return;
    this.#credentials = { token: trimmed };
    this.#open();
  }

  /** Forgets this browser's device token and closes the connection. */
  async signOut(): Promise<void> {
    this.#close();
    this.#credentials = {};
    const identity = this.#identity;
    if (identity !== undefined) await deviceTokenStore.clear({ clientId: CONTROL_UI_CLIENT.id, deviceId: identity.deviceId, role: CONTROL_UI_ROLE });
    this.#setState({ kind: 'signed-out' });
  }

  /** After "waiting for approval" or a dropped connection: try now instead of after the back-off. */
  retryNow(): void {
    if (this.#lifecycle !== undefined) this.#open();
  }

  // ── the client ───────────────────────────────────────────────────────────────────────────

  #open(): void {
    this.#close();
    const lifecycle = this.#lifecycle;
    if (lifecycle === undefined) return;
    this.#setState({ kind: 'connecting' });
    let outcome: SignInOutcome | undefined;
    const client: GatewayProtocolClient<GatewayBrowserDeviceAuthPlan> = new GatewayProtocolClient<GatewayBrowserDeviceAuthPlan>({
      createSocket: (handlers) => browserSocket(this.#options.socketUrl, handlers),
      createRequestId: () => crypto.randomUUID(),
      createRequestError: (error) => new GatewayProtocolRequestError(error),
      handshake: { mode: 'require-challenge', timeoutMs: 15_000 },
      // Waiting for approval retries on this schedule too: soon at first, then every 15 s.
      reconnect: { initialMs: 1_000, multiplier: 2, maxMs: 15_000 },
      buildConnectPlan: ({ nonce, challengeTs }) => {
        outcome = undefined;
        const { token, bootstrapToken } = this.#credentials;
        return lifecycle.buildPlan({
          client: { id: CONTROL_UI_CLIENT.id, displayName: CONTROL_UI_CLIENT.displayName, version: this.#options.clientVersion, platform: CONTROL_UI_CLIENT.platform, mode: CONTROL_UI_CLIENT.mode },
          role: CONTROL_UI_ROLE,
          defaultScopes: CONTROL_UI_SCOPES,
          bootstrapScopes: CONTROL_UI_SCOPES,
          ...(token === undefined ? {} : { token }),
          ...(bootstrapToken === undefined ? {} : { bootstrapToken, preferBootstrapToken: true }),
          nonce,
          challengeTs: challengeTs ?? null,
        });
      },
      buildConnectParams: (plan) => {
        this.#lastPlan = plan;
        return {
          minProtocol: PROTOCOL_VERSION,
          maxProtocol: PROTOCOL_VERSION,
          client: { id: CONTROL_UI_CLIENT.id, displayName: CONTROL_UI_CLIENT.displayName, version: this.#options.clientVersion, platform: CONTROL_UI_CLIENT.platform, mode: CONTROL_UI_CLIENT.mode },
          role: plan.role,
          scopes: plan.scopes,
          ...(plan.auth === undefined ? {} : { auth: plan.auth }),
          ...(plan.device === undefined ? {} : { device: plan.device }),
          locale: navigator.language,
          userAgent: `gatehouse-control-ui/${this.#options.clientVersion}`,
        };
      },
      onConnectHello: (hello, context) => {
        if (this.#client !== client) return;
        // Only a sign-in with a login code or a pasted token is issued a device token. It is kept
        // before the page says "connected": shown earlier, a page closed or reloaded in the few
        // milliseconds IndexedDB takes (the ui bench closed its sign-in tab as soon as "Connected"
        // showed, and its next navigations hung on the sign-in form) lost the sign-in, and a
        // login code cannot be used again.
        if (!hello.auth?.deviceToken) {
          this.#onHello(client, hello);
          return;
        }
        const closes = this.#closes;
        void this.#keepDeviceToken(lifecycle, hello, context.plan).then(() => {
          if (this.#client === client && this.#closes === closes) this.#onHello(client, hello);
        });
      },
      onConnectFailure: (error, context) => {
        const plan = context.plan;
        outcome = signInOutcome({
          message: error.message,
          details: error.details,
          ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
          usedLoginCode: plan.auth?.bootstrapToken !== undefined,
          usedDeviceToken: plan.selectedAuth.usingStoredDeviceToken === true,
        });
        const keepTrying = outcome.kind === 'awaiting-approval' || outcome.kind === 'retry';
        return {
          closeCode: 1000,
          closeReason: 'connect refused',
          stop: !keepTrying,
          ...(outcome.kind === 'retry' && outcome.retryAfterMs !== undefined ? { reconnectDelayMs: outcome.retryAfterMs } : {}),
        };
      },
      resolveClose: () => ({ retry: true, notify: true }),
      onClose: (context) => {
        if (this.#client !== client) return;
        this.#closes += 1;
        this.#methods = [];
        if (outcome !== undefined) void this.#onRefused(outcome);
        else this.#setState({ kind: 'reconnecting', message: `The connection to the gateway closed (${context.code}${context.reason ? `: ${context.reason}` : ''}). Reconnecting…` });
      },
      onEvent: (frame) => {
        if (this.#client === client) this.#onEvent(client, frame.event, frame.payload);
      },
      onGap: () => {
        if (this.#client === client) this.#reload(client);
      },
    });
    this.#client = client;
    client.start();
  }

  /**
   * Stores the device token of `hello`; the code or pasted token is then dropped, the device token
   * carrying the sign-in from here on. Should IndexedDB refuse, this page still connects (and keeps
   * the code or token for its reconnects); the next visit asks to sign in again.
   */
  async #keepDeviceToken(lifecycle: GatewayBrowserDeviceAuthLifecycle, hello: HelloOk, plan: GatewayBrowserDeviceAuthPlan): Promise<void> {
    try {
      await lifecycle.acceptHello(hello, plan);
      this.#credentials = {};
    } catch (error) {
      console.warn(`gatehouse: could not keep this browser's sign-in: ${describe(error)}`);
    }
  }

  #close(): void {
    const client = this.#client;
    this.#client = undefined;
    this.#methods = [];
    client?.stop();
  }

  async #onRefused(outcome: SignInOutcome): Promise<void> {
    switch (outcome.kind) {
      case 'awaiting-approval':
        this.#setState({ kind: 'awaiting-approval', deviceId: this.#identity?.deviceId ?? '', ...(outcome.requestId ? { requestId: outcome.requestId } : {}) });
        return;
      case 'retry':
        this.#setState({ kind: 'reconnecting', message: outcome.message });
        return;
      case 'code-refused':
        this.#credentials = {};
        this.#setState({ kind: 'code-refused', message: outcome.message });
        return;
      case 'device-token-refused':
        if (this.#lastPlan !== undefined) await this.#lifecycle?.clearStoredToken(this.#lastPlan);
        this.#setState({ kind: 'signed-out', problem: outcome.message });
        return;
      case 'credentials-refused':
        this.#credentials = {};
        this.#setState({ kind: 'signed-out', problem: outcome.message });
        return;
      case 'stopped':
        this.#setState({ kind: 'stopped', message: outcome.message });
        return;
    }
  }

  #onHello(client: GatewayProtocolClient<GatewayBrowserDeviceAuthPlan>, hello: HelloOk): void {
    this.#methods = [...hello.features.methods];
    this.#lastMethods = this.#methods;
    this.snapshot.update((current) => ({ ...current, presence: hello.snapshot.presence as typeof current.presence }));
    this.#setState({
      kind: 'connected',
      gateway: {
        serverVersion: hello.server.version,
        methods: this.#methods,
        scopes: hello.auth?.scopes ?? [],
        uptimeMs: hello.snapshot.uptimeMs,
        helloAtMs: Date.now(),
      },
    });
    // The operator snapshot (approvals, pairing, cron, channels: ten requests) waits until the
    // page just shown has sent its own first requests, so those are not queued behind it.
    afterFirstRender(() => {
      if (client === this.#client) this.#reload(client);
    });
  }

  #onEvent(client: GatewayProtocolClient<GatewayBrowserDeviceAuthPlan>, event: string, payload: unknown): void {
    for (const listener of [...this.#eventListeners]) listener(event, payload);
    const checked = applyOperatorEvent(this.snapshot, event, payload);
    if (checked === undefined) return;
    if (needsSnapshotReload(checked)) this.#reload(client);
    for (const listener of [...this.#operatorListeners]) listener(checked);
  }

  #reload(client: GatewayProtocolClient<GatewayBrowserDeviceAuthPlan>): void {
    const generation = ++this.#reloads;
    void reloadOperatorSnapshot({
      request: (method, params) => client.request(method, params),
      methods: this.#methods,
      store: this.snapshot,
      isCurrent: () => generation === this.#reloads && client === this.#client,
      now: Date.now,
    });
  }

  #setState(state: SessionState): void {
    this.#state = state;
    for (const listener of [...this.#stateListeners]) listener(state);
  }
}

/** Runs `work` once the browser is idle after the next render, or after half a second at most. */
function afterFirstRender(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 500 });
  else setTimeout(work, 50);
}

/** The reference client's socket adapter over the browser's WebSocket: the early one first (early-socket.ts). */
function browserSocket(url: string, handlers: SocketHandlers) {
  const socket = adoptEarlySocket(url, handlers) ?? listenedSocket(url, handlers);
  return {
    isOpen: () => socket.readyState === WebSocket.OPEN,
    send: (data: string) => socket.send(data),
    // Browsers let a page close only with 1000 or 3000–4999 (the client asks for 1008 at times).
    close: (code?: number, reason?: string) => socket.close(code === 1000 || (code !== undefined && code >= 3000 && code <= 4999) ? code : 1000, reason),
  };
}

function listenedSocket(url: string, handlers: SocketHandlers): WebSocket {
  const socket = new WebSocket(url);
  socket.addEventListener('open', () => handlers.open());
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') handlers.message(event.data);
  });
  socket.addEventListener('close', (event) => handlers.close(event.code, event.reason));
  socket.addEventListener('error', () => handlers.error(new Error('the WebSocket to the gateway failed')));
  return socket;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
