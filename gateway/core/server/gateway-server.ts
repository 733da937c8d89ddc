import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { INBOUND_BUDGET_BYTES, LARGE_MESSAGE_READ_DEADLINE_MS, PING_INTERVAL_MS, PREAUTH_RECEIVER_LIMITS, TICK_INTERVAL_MS, WS_PATHS } from '../../../shared/protocol/limits.js';
import type { RequestFrame } from '../../../shared/protocol/frames.js';
import { connectParamsValidator, type ConnectParams } from '../../../shared/protocol/connect.js';
import { requestFrameValidator } from '../../../shared/protocol/frames.js';
import type { Logger } from 'pino';
import type { ConfigService } from '../config-service.js';
import { DeferredLog } from '../logging/deferred-log.js';
import type { DevicePairing } from '../devices/device-pairing.js';
import type { DeviceTokens } from '../devices/device-tokens.js';
import type { LoginCodes } from '../devices/login-codes.js';
import type { DevicesRepository } from '../devices/devices-repository.js';
import type { EventBus } from '../events/event-bus.js';
import type { PresencePublisher } from '../events/presence-publisher.js';
import type { StateVersions } from '../events/state-versions.js';
import type { ProcessInfo } from '../process-info.js';
import type { MethodRouter } from '../router/dispatch.js';
import type { ConnectionRegistry } from './connection-registry.js';
import type { HttpRoute } from './http-routes.js';
import type { AuthFailureLimiter } from './auth-limiter.js';
import { CollectAfterBurst } from './collect-after-burst.js';
import { Connection } from './connection.js';
import type { ConnectionHooks } from './connection-contract.js';
import { performHandshake, type HandshakeAcceptance } from './handshake.js';
import { buildHelloOk } from './hello-ok.js';
import { checkBearerSecret } from './http-bearer-auth.js';
import { handleHttpRequest } from './http-endpoints.js';
import { InboundByteBudget } from './inbound-byte-budget.js';
import { limitFromEnv } from './limit-overrides.js';
import { listenHosts } from './listen-hosts.js';
import { presenceKey } from './presence-key.js';

export class PortInUseError extends Error {
  constructor(readonly host: string, readonly port: number) {
    super(`port ${port} on ${host} is already in use`);
  }
}

/** The process-lifetime parts a listener serves with; it is rebuilt, they are not. */
export interface ListenerServices {
  readonly process: ProcessInfo;
  readonly logger: Logger;
  readonly config: ConfigService;
  readonly connections: ConnectionRegistry;
  readonly bus: EventBus;
  readonly presence: PresencePublisher;
  readonly versions: StateVersions;
  readonly devices: {
    readonly pairing: DevicePairing;
    readonly tokens: DeviceTokens;
    readonly loginCodes: LoginCodes;
    readonly repository: DevicesRepository;
  };
  /** The last health snapshot, for hello-ok. */
  healthSnapshot(): Record<string, unknown>;
  /** What the features add: HTTP routes and connection lifecycle hooks. */
  readonly features: {
    routes(): readonly HttpRoute[];
    connectionReady(connection: Connection): void;
    connectionClosed(connection: Connection): void;
  };
  /**
   * While the gateway is still building what connections are served with (it listens first), the
   * promise of it: upgrades and HTTP requests wait for it, and are dropped if it rejects.
   * Undefined once it is built.
   */
  startup?(kind: 'upgrade' | 'request'): Promise<void> | undefined;
}

export interface GatewayServerOptions {
  services: ListenerServices;
  router: MethodRouter;
  limiter: AuthFailureLimiter;
  maxBufferedBytes: number;
  /** HTTPS + WSS on the same port (gateway.tls); plain HTTP + WS without. */
  tls?: { cert: string; key: string };
}

const SWEEP_INTERVAL_MS = 10_000;
/** The inbound budget's read deadline is checked this often. */
const BUDGET_SWEEP_INTERVAL_MS = 1_000;

/**
 * The HTTP + WebSocket listener and everything periodic that belongs to it: tick, keepalive
 * pings and the sweeps. One instance per listen; an in-place restart builds a new one. A bind to
 * a tailnet or custom address also listens on loopback (listen-hosts.ts): one HTTP server per
 * address, one WebSocket server behind them.
 */
export class GatewayServer {
  private readonly https: Server[] = [];
  private readonly wss: WebSocketServer;
  private readonly pending = new Set<Connection>();
  private timers: NodeJS.Timeout[] = [];
  private readonly collectAfterBurst = new CollectAfterBurst();
  private readonly inboundBudget = new InboundByteBudget({
    limitBytes: limitFromEnv('GATEHOUSE_INBOUND_BUDGET_BYTES', INBOUND_BUDGET_BYTES),
    readDeadlineMs: limitFromEnv('GATEHOUSE_LARGE_MESSAGE_DEADLINE_MS', LARGE_MESSAGE_READ_DEADLINE_MS),
    onSaturated: ({ heldBytes, waitingBytes }) => {
      const mib = (bytes: number) => Math.round(bytes / 1_048_576);
      this.options.services.logger.info(
        { heldMiB: mib(heldBytes), waitingMiB: mib(waitingBytes), budgetMiB: mib(this.inboundBudget.limitBytes), rssMiB: mib(process.memoryUsage.rss()) },
        'inbound budget spent: pausing sockets that start another large message',
      );
    },
    onStaleReservation: (bytes) => this.options.services.logger.warn({ bytes }, 'inbound budget: released a reservation no event ended (a bug; repaired)'),
  });
  private started = false;
  private stopping = false;
  /** Each connection's arrival and departure, written after the turn that served it (deferred-log.ts). */
  private readonly connectionLog = new DeferredLog(() => this.options.services.logger);

  constructor(private readonly options: GatewayServerOptions) {
    // Every socket starts at the pre-auth limits, enforced by the receiver at each frame header
    // before anything is buffered; Connection.accept raises them for the role after hello-ok.
    // UTF-8 is checked by the connection (inbound-frame.ts) so that it, not the library, decides
    // when a bad text frame closes the socket: after the answers already owed.
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, skipUTF8Validation: true, ...PREAUTH_RECEIVER_LIMITS });
  }

  private createHttpServer(): Server {
    const { services } = this.options;
    const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
      if (this.heldForStartup('request', () => onRequest(request, response), () => response.destroy())) return;
      handleHttpRequest(request, response, {
        started: () => this.started,
        ready: () => this.started && !this.stopping,
        version: services.process.version,
        bootId: services.process.bootId,
        routes: services.features.routes(),
        authorize: (authRequest) => {
          const settings = services.config.settings();
          return checkBearerSecret(authRequest, { auth: settings.auth, proxies: settings.proxies, limiter: this.options.limiter, now: Date.now() });
        },
      });
    };
    const tls = this.options.tls;
    const http: Server = tls ? createTlsServer({ cert: tls.cert, key: tls.key }, onRequest) : createServer(onRequest);
    http.on('upgrade', (request, socket, head) => this.onUpgrade(request, socket, head));
    this.https.push(http);
    return http;
  }

  /** Spec §1.1's paths, and the Control UI's base path, where its page opens its socket. */
  private acceptsUpgradeAt(path: string): boolean {
    if ((WS_PATHS as readonly string[]).includes(path)) return true;
    const { enabled, basePath } = this.options.services.config.settings().controlUi;
    return enabled && (path === basePath || `${path}/` === basePath);
  }

  /** While the gateway is still being built: holds the request, serving it once built or dropping it if the start failed. */
  private heldForStartup(kind: 'upgrade' | 'request', serve: () => void, drop: () => void): boolean {
    const starting = this.options.services.startup?.(kind);
    if (!starting) return false;
    starting.then(serve, drop);
    return true;
  }

  private onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.heldForStartup('upgrade', () => this.onUpgrade(request, socket, head), () => socket.destroy())) return;
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (!this.acceptsUpgradeAt(path) || this.stopping) {
      socket.end(this.stopping ? 'HTTP/1.1 503 Service Unavailable\r\n\r\n' : 'HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new Connection(ws, request, this.hooks);
      this.pending.add(connection);
    });
  }

  private readonly hooks: ConnectionHooks = {
    policy: () => ({
      maxBufferedBytes: this.options.maxBufferedBytes,
      bareHandshake: this.options.services.config.settings().compat.bareHandshake,
    }),
    handshake: (connection: Connection, params: ConnectParams) => {
      const { services } = this.options;
      return performHandshake(
        { params, challengeNonce: connection.challengeNonce, peer: connection.peer, requestHost: connection.requestHost },
        {
          settings: () => {
            const settings = services.config.settings();
            return {
              auth: settings.auth,
              allowedOrigins: settings.controlUi.allowedOrigins,
              allowHostHeaderOriginFallback: services.config.current().config.gateway?.controlUi?.dangerouslyAllowHostHeaderOriginFallback === true,
              legacyLoopbackSignature: settings.compat.legacyLoopbackSignature,
              proxies: settings.proxies,
            };
          },
          limiter: this.options.limiter,
          pairing: services.devices.pairing,
          tokens: services.devices.tokens,
          loginCodes: services.devices.loginCodes,
          isStarting: () => !this.started,
          now: Date.now,
        },
      );
    },
    helloOk: (connection: Connection, acceptance: HandshakeAcceptance) => {
      const { services } = this.options;
      const roster = services.config.roster();
      return buildHelloOk(acceptance, {
        version: services.process.version,
        bootId: services.process.bootId,
        host: services.process.hostName,
        connId: connection.connId,
        methods: this.options.router.implemented(),
        presence: services.presence.list(),
        health: services.healthSnapshot(),
        stateVersion: services.versions.current(),
        uptimeMs: Date.now() - services.process.startedAtMs,
        configPath: services.config.current().path,
        stateDir: services.process.stateDir,
        defaultAgentId: roster.defaultAgentId,
        sessionScope: roster.scope,
        authMode: services.config.settings().auth.mode,
        maxBufferedBytes: this.options.maxBufferedBytes,
      });
    },
    ready: (connection: Connection) => {
      const { services } = this.options;
      this.pending.delete(connection);
      services.connections.add(connection);
      const session = connection.session;
      if (!session) return;
      if (session.deviceId) services.devices.repository.touch(session.deviceId, Date.now());
      services.features.connectionReady(connection);
      this.connectionLog.info(
        { connId: connection.connId, role: session.role, client: session.client.id, protocol: session.protocol, auth: session.authMethod },
        'client connected',
      );
      if (session.client.mode === 'cli') return;
      services.presence.connect(
        {
          key: presenceKey(connection),
          connId: connection.connId,
          entry: {
            host: session.client.displayName || session.client.id,
            version: session.client.version,
            platform: session.client.platform,
            mode: session.client.mode,
            ...(session.client.deviceFamily ? { deviceFamily: session.client.deviceFamily } : {}),
            ...(session.client.modelIdentifier ? { modelIdentifier: session.client.modelIdentifier } : {}),
            ...(session.client.timeZone ? { timeZone: session.client.timeZone } : {}),
            ...(session.deviceId ? { deviceId: session.deviceId } : {}),
            ...(session.client.instanceId ? { instanceId: session.client.instanceId } : {}),
            ...(connection.peer.local ? {} : { ip: session.clientAddress }),
          },
        },
        [session.role],
        session.scopes,
      );
    },
    request: (connection: Connection, frame: RequestFrame) => this.options.router.dispatch(connection, frame),
    received: (bytes: number) => this.collectAfterBurst.received(bytes),
    inboundBudget: this.inboundBudget,
    closed: (connection: Connection, code: number) => {
      const { services } = this.options;
      this.pending.delete(connection);
      if (!services.connections.remove(connection)) return;
      this.connectionLog.info({ connId: connection.connId, code }, 'client disconnected');
      services.features.connectionClosed(connection);
      services.presence.disconnect(presenceKey(connection), connection.connId, !this.stopping);
    },
    log: (level, message, fields) => this.options.services.logger[level](fields ?? {}, message),
  };

  /** Serves a renewed certificate to new TLS connections; open ones keep theirs. */
  renewTls(tls: { cert: string; key: string }): void {
    for (const http of this.https) {
      if ('setSecureContext' in http) (http as TlsServer).setSecureContext({ cert: tls.cert, key: tls.key });
    }
  }

  /** Listens on `host` (and loopback beside it, see listenHosts) and returns the port. */
  async listen(host: string, port: number): Promise<number> {
    let boundPort = port;
    try {
      for (const address of listenHosts(host)) boundPort = await this.listenOn(this.createHttpServer(), address, boundPort);
    } catch (error) {
      await this.closeHttpServers();
      throw error;
    }
    this.startTimers();
    this.started = true;
    // Compiled once the port is open, while the first client is still dialling, rather than when
    // its connect frame arrives (they compile on first use: shared/protocol/validate.ts).
    setImmediate(precompileHandshakeValidators).unref();
    return boundPort;
  }

  private async listenOn(http: Server, host: string, port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        http.off('listening', onListening);
        reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, port) : error);
      };
      const onListening = () => {
        http.off('error', onError);
        resolve();
      };
      http.once('error', onError);
      http.once('listening', onListening);
      http.listen(port, host);
    });
    const address = http.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  private async closeHttpServers(): Promise<void> {
    await Promise.all(
      this.https.splice(0).map(
        (http) =>
          new Promise<void>((resolve) => {
            if (!http.listening) return resolve();
            http.close(() => resolve());
            http.closeAllConnections();
          }),
      ),
    );
  }

  private startTimers(): void {
    const { services } = this.options;
    const every = (ms: number, work: () => void) => {
      const timer = setInterval(work, ms);
      this.timers.push(timer);
    };
    every(TICK_INTERVAL_MS, () => services.bus.broadcast('tick', { ts: Date.now() }));
    every(limitFromEnv('GATEHOUSE_PING_INTERVAL_MS', PING_INTERVAL_MS), () => {
      for (const connection of services.connections.all()) {
        if (connection.alive) services.presence.refresh(presenceKey(connection));
        connection.ping();
      }
    });
    every(BUDGET_SWEEP_INTERVAL_MS, () => this.inboundBudget.sweep());
    every(SWEEP_INTERVAL_MS, () => {
      services.devices.pairing.sweep();
      services.devices.loginCodes.sweep();
      this.options.limiter.sweep(Date.now());
      services.presence.sweep();
      const started = performance.now();
      const collected = this.collectAfterBurst.check();
      if (collected) {
        const mib = (bytes: number) => Math.round(bytes / 1_048_576);
        services.logger.info({ inboundMiB: mib(collected.collectedAfterBytes), ms: Math.round(performance.now() - started), rssMiB: mib(process.memoryUsage.rss()) }, 'collected garbage after a burst of inbound frames');
      }
    });
  }

  /** Waits for peers to finish their close handshakes, so the 1012 frames reach them. */
  private async drained(deadlineMs: number): Promise<void> {
    const { connections } = this.options.services;
    const until = Date.now() + deadlineMs;
    while ((connections.size > 0 || this.pending.size > 0) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Spec §6: announce `shutdown`, close every socket with 1012, then release the port. */
  async close(reason: string, restartExpectedMs?: number): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const { services } = this.options;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    services.bus.broadcast('shutdown', restartExpectedMs === undefined ? { reason } : { reason, restartExpectedMs });
    for (const connection of [...services.connections.all(), ...this.pending]) {
      connection.close(CloseCode.serviceRestart, 'service restart');
    }
    await this.drained(2_000);
    await new Promise<void>((resolve) => {
      this.wss.close(() => resolve());
    });
    await this.closeHttpServers();
    this.connectionLog.flush();
  }
}

/** A check of any value compiles a validator (the result does not matter here). */
function precompileHandshakeValidators(): void {
  connectParamsValidator.check(undefined);
  requestFrameValidator.check(undefined);
}
