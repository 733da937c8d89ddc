/**
 * OperatorConnection: the tray app's one operator socket to the gateway, on top of the
 * reference `GatewayClient` (reconnect backoff 1 s ×2 up to 30 s, device-token retry, tick
 * watchdog are the client's). What this adds:
 *
 * - the host side of device auth: this installation's Ed25519 identity and the device tokens it
 *   is issued, from DeviceIdentityStore, keyed by gateway URL as well;
 * - a status for the UI (`connecting | connected | paused | disconnected`), with the next step a
 *   person must take when the client stopped retrying on its own (pairing, auth, protocol);
 * - `request()`, a typed event stream, and an OperatorSnapshot reloaded after every connect.
 *
 * Identity on the wire: client id `gateway-client` (see OPERATOR_CLIENT_ID), mode `ui`, role
 * operator, the five operator scopes, protocol 4 only.
 */
import { GatewayClient, type GatewayClientRequestOptions, type GatewayReconnectPausedInfo } from '@openclaw/gateway-client';
import type { GatewayClientName } from '@openclaw/gateway-protocol/client-info';
import Type from 'typebox';
import { HelloOkSchema } from '../../shared/protocol/connect.js';
import { compileSchema } from '../../shared/protocol/validate.js';
import type { DeviceIdentityStore } from '../identity/device-identity-store.js';
import { deviceAuthHostDeps } from './device-auth-host-deps.js';
import { applyOperatorEvent, needsSnapshotReload } from '../../client/operator/operator-events.js';
import type { OperatorEventName, OperatorEventPayload } from '../../client/operator/operator-schemas.js';
import { OperatorSnapshotStore, reloadOperatorSnapshot } from '../../client/operator/operator-snapshot.js';
import { nextStepFor, type ConnectFailure, type OperatorStatus } from '../../client/operator/operator-status.js';

/**
 * The reference client types `clientName` as the closed v4 id set, which has no `gateway-tray`,
 * and real OpenClaw gateways reject ids outside it. `gateway-client` is the set's generic
 * "a gateway client" id with no special policy in mode `ui`; the display name says who we are.
 */
export const OPERATOR_CLIENT_ID: GatewayClientName = 'gateway-client';
export const OPERATOR_CLIENT_MODE = 'ui';
export const OPERATOR_SCOPES = ['operator.admin', 'operator.read', 'operator.write', 'operator.approvals', 'operator.pairing'] as const;
export const OPERATOR_PROTOCOL = 4;

export interface OperatorConnectionOptions {
  /** `ws://127.0.0.1:<port>` */
  url: string;
  /** The gateway's shared token; optional once this device holds a device token for `url`. */
  token?: string;
  identity: DeviceIdentityStore;
  clientVersion: string;
  /** `macos`, `linux`, `windows`, …; defaults from process.platform. */
  platform?: string;
  displayName?: string;
  /** Stable per installation (presence key fallback). */
  instanceId?: string;
  /** Capabilities advertised in connect (e.g. `exec-approvals`: this client can answer approvals). */
  caps?: readonly string[];
  requestTimeoutMs?: number;
  now?: () => number;
  /** Structured log lines; never given tokens or keys. */
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

export interface RawGatewayEvent {
  event: string;
  payload: unknown;
  seq?: number;
}

/** The parts of hello-ok (spec §4.6) the app uses, as the protocol's schema defines them. */
const hello = HelloOkSchema.properties;
const helloSummary = compileSchema(
  Type.Object({
    protocol: hello.protocol,
    server: hello.server,
    features: Type.Pick(hello.features, ['methods']),
    auth: Type.Optional(Type.Pick(hello.auth, ['scopes'])),
    snapshot: Type.Pick(hello.snapshot, ['presence']),
  }),
);

export class OperatorConnection {
  readonly snapshot = new OperatorSnapshotStore();
  readonly #options: OperatorConnectionOptions;
  readonly #now: () => number;
  readonly #statusListeners = new Set<(status: OperatorStatus) => void>();
  readonly #eventListeners = new Map<string, Set<(payload: never) => void>>();
  readonly #anyEventListeners = new Set<(event: RawGatewayEvent) => void>();
  #client: GatewayClient | undefined;
  #token: string | undefined;
  #status: OperatorStatus;
  #attempt = 0;
  #lastFailure: ConnectFailure | undefined;
  #pausedClient: GatewayClient | undefined;
  #methods: readonly string[] = [];
  #reloads = 0;

  constructor(options: OperatorConnectionOptions) {
    this.#options = options;
    this.#token = options.token;
    this.#now = options.now ?? Date.now;
    this.#status = { kind: 'disconnected', willRetry: false, since: this.#now() };
  }

  get status(): OperatorStatus {
    return this.#status;
  }

  /** hello-ok `features.methods` of the current connection (empty when not connected). */
  get methods(): readonly string[] {
    return this.#methods;
  }

  /** Opens the connection (if not open yet); from then on the client reconnects by itself. */
  start(): void {
    if (this.#client) return;
    this.#open();
  }

  /**
   * After a pause (or to skip a backoff wait): a fresh client, a fresh attempt. Pass `token`
   * when the person fixed the shared token ("check the token").
   */
  async reconnect(change: { token?: string } = {}): Promise<void> {
    if ('token' in change) this.#token = change.token;
    await this.#close();
    this.#open();
  }

  async stop(): Promise<void> {
    await this.#close();
    this.#setStatus({ kind: 'disconnected', willRetry: false, since: this.#now() });
  }

  request<T = unknown>(method: string, params: unknown = {}, options?: GatewayClientRequestOptions): Promise<T> {
    const client = this.#client;
    if (!client || this.#status.kind !== 'connected') {
      return Promise.reject(new Error(`not connected to the gateway (${this.#status.kind})`));
    }
    return client.request<T>(method, params, options);
  }

  onStatus(listener: (status: OperatorStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /** Events the app acts on, payload checked against its schema (invalid ones are dropped and logged). */
  onEvent<E extends OperatorEventName>(event: E, listener: (payload: OperatorEventPayload<E>) => void): () => void {
    let listeners = this.#eventListeners.get(event);
    if (!listeners) this.#eventListeners.set(event, (listeners = new Set()));
    const entry = listener as (payload: never) => void;
    listeners.add(entry);
    return () => listeners.delete(entry);
  }

  /** Every event as it arrived, payload unchecked. */
  onAnyEvent(listener: (event: RawGatewayEvent) => void): () => void {
    this.#anyEventListeners.add(listener);
    return () => this.#anyEventListeners.delete(listener);
  }

  // ── the client and its callbacks ──────────────────────────────────────────────────────────

  #open(): void {
    const { url, identity } = this.#options;
    const token = this.#token;
    const log = this.#options.log;
    let client: GatewayClient | undefined = undefined;
    const current = (): boolean => client !== undefined && client === this.#client;
    client = new GatewayClient({
      url,
      ...(token ? { token } : {}),
      clientName: OPERATOR_CLIENT_ID,
      clientDisplayName: this.#options.displayName ?? 'Gatehouse tray',
      clientVersion: this.#options.clientVersion,
      platform: this.#options.platform ?? platformName(process.platform),
      mode: OPERATOR_CLIENT_MODE,
      role: 'operator',
      scopes: [...OPERATOR_SCOPES],
      minProtocol: OPERATOR_PROTOCOL,
      maxProtocol: OPERATOR_PROTOCOL,
      ...(this.#options.instanceId ? { instanceId: this.#options.instanceId } : {}),
      ...(this.#options.caps?.length ? { caps: [...this.#options.caps] } : {}),
      ...(this.#options.requestTimeoutMs ? { requestTimeoutMs: this.#options.requestTimeoutMs } : {}),
      deviceIdentity: identity.clientIdentity,
      hostDeps: deviceAuthHostDeps({
        identity,
        gatewayUrl: url,
        beforeConnect: () => current() && this.#onAttempt(),
        log: (level, message) => log?.(level, message),
      }),
      onHelloOk: (hello) => current() && this.#onHello(client!, hello),
      onConnectError: (error) => current() && this.#onConnectError(error),
      onReconnectPaused: (info) => current() && this.#onPaused(client!, info),
      onClose: (code, reason) => current() && this.#onClose(client!, code, reason),
      onEvent: (event) => current() && this.#onEvent(event),
      onGap: () => current() && this.#reload(client!),
    });
    this.#client = client;
    this.#pausedClient = undefined;
    this.#attempt = 0;
    client.start();
  }

  async #close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#methods = [];
    if (client) await client.stopAndWait({ timeoutMs: 2_000 }).catch(() => undefined);
  }

  #onAttempt(): void {
    this.#attempt += 1;
    this.#setStatus({ kind: 'connecting', attempt: this.#attempt });
  }

  #onHello(client: GatewayClient, raw: unknown): void {
    if (!helloSummary.check(raw)) {
      // A gateway whose hello-ok we cannot read is one we cannot work with: say so, do not retry.
      const problem = `hello-ok not understood (${helloSummary.firstError(raw)})`;
      this.#options.log?.('warn', problem);
      this.#pausedClient = client;
      client.stop();
      this.#setStatus({ kind: 'paused', nextStep: nextStepFor('PROTOCOL_MISMATCH'), detailCode: null, message: problem, since: this.#now() });
      return;
    }
    this.#attempt = 0;
    this.#lastFailure = undefined;
    this.#methods = raw.features.methods;
    this.#setStatus({
      kind: 'connected',
      protocol: raw.protocol,
      serverVersion: raw.server.version,
      ...(raw.server.bootId ? { bootId: raw.server.bootId } : {}),
      scopes: raw.auth?.scopes ?? [],
      since: this.#now(),
    });
    this.snapshot.update((current) => ({ ...current, presence: raw.snapshot.presence }));
    this.#reload(client);
  }

  #onConnectError(error: Error): void {
    const shaped = error as Error & { details?: unknown; retryAfterMs?: number };
    this.#lastFailure = { message: error.message, details: shaped.details, ...(shaped.retryAfterMs === undefined ? {} : { retryAfterMs: shaped.retryAfterMs }) };
  }

  /** The client stopped retrying (pairing required, auth or protocol mismatch, …). */
  #onPaused(client: GatewayClient, info: GatewayReconnectPausedInfo): void {
    this.#pausedClient = client;
    const nextStep = nextStepFor(info.detailCode, this.#lastFailure ?? { message: info.reason });
    this.#options.log?.('warn', `gateway connection paused: ${info.detailCode ?? info.reason}`);
    this.#setStatus({
      kind: 'paused',
      nextStep,
      detailCode: info.detailCode,
      message: this.#lastFailure?.message ?? info.reason,
      since: this.#now(),
    });
  }

  #onClose(client: GatewayClient, code: number, reason: string): void {
    this.#methods = [];
    if (this.#pausedClient === client) return;
    const lastError = this.#lastFailure?.message ?? `closed (${code})${reason ? `: ${reason}` : ''}`;
    this.#setStatus({ kind: 'disconnected', willRetry: true, lastError, since: this.#now() });
  }

  #onEvent(frame: { event: string; payload?: unknown; seq?: number }): void {
    const raw: RawGatewayEvent = { event: frame.event, payload: frame.payload, ...(frame.seq === undefined ? {} : { seq: frame.seq }) };
    for (const listener of [...this.#anyEventListeners]) listener(raw);
    const checked = applyOperatorEvent(this.snapshot, frame.event, frame.payload, (message) => this.#options.log?.('warn', message));
    if (checked === undefined) return;
    if (needsSnapshotReload(checked) && this.#client) this.#reload(this.#client);
    const { name, payload } = checked;
    for (const listener of [...(this.#eventListeners.get(name) ?? [])]) (listener as (payload: unknown) => void)(payload);
  }

  #reload(client: GatewayClient): void {
    const generation = ++this.#reloads;
    void reloadOperatorSnapshot({
      request: (method, params) => client.request(method, params),
      methods: this.#methods,
      store: this.snapshot,
      isCurrent: () => generation === this.#reloads && client === this.#client,
      now: this.#now,
    });
  }

  #setStatus(status: OperatorStatus): void {
    this.#status = status;
    for (const listener of [...this.#statusListeners]) listener(status);
  }
}

/** The platform names the protocol uses (spec §4.3) for Node's process.platform. */
export function platformName(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'macos';
    case 'win32':
      return 'windows';
    default:
      return platform;
  }
}
