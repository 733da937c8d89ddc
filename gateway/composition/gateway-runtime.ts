import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ConfigService } from '../core/config-service.js';
import { loadConfig, resolveGatewaySettings, type GatewaySettings, type LoadedConfig } from '../core/config/index.js';
import { EventBus } from '../core/events/event-bus.js';
import { createGatewayLogger, type GatewayLogger } from '../core/logging/gateway-logger.js';
import type { ProcessInfo } from '../core/process-info.js';
import { MethodRouter } from '../core/router/dispatch.js';
import { IdempotencyCache } from '../core/router/idempotency-cache.js';
import { WriteRateLimiter } from '../core/router/write-rate-limiter.js';
import { ConfigFileWatch } from '../core/runtime/config-file-watch.js';
import { InstanceLock } from '../core/runtime/instance-lock.js';
import { GatewayStartError, ListenerHost } from '../core/runtime/listener-host.js';
import { STARTUP_TRIM_DELAY_MS, trimStartupHeap } from '../core/runtime/startup-heap-trim.js';
import { GATEHOUSE_VERSION } from '../core/runtime/version.js';
import { ConnectionRegistry } from '../core/server/connection-registry.js';
import type { ListenerServices } from '../core/server/gateway-server.js';
import { limitFromEnv } from '../core/server/limit-overrides.js';
import { EXIT_ANOTHER_OWNER, EXIT_FAILED } from '../../shared/gateway-host/exit-codes.js';
import { MAX_BUFFERED_BYTES } from '../../shared/protocol/limits.js';
import { FeatureSet } from './feature-set.js';
import type { ServingParts } from './serving-parts.js';
import { StartupGate } from './startup-gate.js';

export { GatewayStartError };

/** How long the rest of the start waits at most for a waiting client's hello-ok (StartupGate). */
const FIRST_HANDSHAKE_WAIT_MS = 250;

export interface GatewayRunOptions {
  stateDir: string;
  configPath: string;
  env: NodeJS.ProcessEnv;
  overrides: { port?: number; bind?: string; authMode?: string; token?: string; password?: string };
  /** Where the one-line status messages go (the CLI prints them). */
  announce: (line: string) => void;
  /** Nothing is left to serve (a restart could not listen at all); the gateway has shut down. */
  onFatal: () => void;
}

async function loadValidConfig(options: GatewayRunOptions): Promise<LoadedConfig> {
  const loaded = await loadConfig({ path: options.configPath, stateDir: options.stateDir, env: options.env });
  if (!loaded.valid) {
    const issues = loaded.issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n');
    throw new GatewayStartError(`config ${loaded.path} is invalid:\n${issues}`, EXIT_FAILED);
  }
  return loaded;
}

/**
 * The composition root: builds everything once per process — config service, store, event bus,
 * the shared services and every feature of the feature list — and hands the listener host what it
 * serves with. An in-place restart replaces only the listener.
 */
export class GatewayRuntime {
  private stopped = false;
  private configWatch: ConfigFileWatch | undefined;

  private constructor(
    private readonly options: GatewayRunOptions,
    private readonly config: ConfigService,
    private readonly gatewayLogger: GatewayLogger,
    private readonly lock: InstanceLock,
    private readonly parts: {
      listener: ListenerHost;
      idempotency: IdempotencyCache;
      features: FeatureSet;
      serving: ServingParts;
    },
  ) {}

  static async start(options: GatewayRunOptions): Promise<GatewayRuntime> {
    const initial = await loadValidConfig(options);
    const connections = new ConnectionRegistry();
    const bus = new EventBus(connections);
    // Config writes may ask for a restart once the runtime exists.
    const restarter: { runtime?: GatewayRuntime } = {};
    let listenerSettings: GatewaySettings;
    try {
      listenerSettings = resolveGatewaySettings(initial.config, initial.env, options.overrides);
    } catch (error) {
      throw new GatewayStartError((error as Error).message, EXIT_FAILED);
    }
    // Take the lock before anything is written to the state dir (a losing gateway writes nothing).
    let lock: InstanceLock;
    try {
      lock = InstanceLock.acquire(options.stateDir, { pid: process.pid, port: listenerSettings.port, host: listenerSettings.host, startedAtMs: Date.now() });
    } catch (error) {
      throw new GatewayStartError((error as Error).message, EXIT_ANOTHER_OWNER);
    }
    // Settles the shared token (it may write the token file, now that the state dir is ours).
    const config = new ConfigService({
      initial,
      stateDir: options.stateDir,
      env: options.env,
      overrides: options.overrides,
      bus,
      announce: options.announce,
      restart: (reason, delayMs) => restarter.runtime?.scheduleRestart(reason, delayMs),
    });
    const gatewayLogger = createGatewayLogger(listenerSettings.logging);
    const logger = gatewayLogger.logger;
    const info: ProcessInfo = {
      version: GATEHOUSE_VERSION,
      bootId: randomUUID(),
      startedAtMs: Date.now(),
      hostName: hostname(),
      stateDir: options.stateDir,
      logFile: gatewayLogger.file,
    };
    const features = new FeatureSet();
    const idempotency = new IdempotencyCache();
    const router = new MethodRouter(idempotency, new WriteRateLimiter(), (level, message, fields) => logger[level](fields, message));
    // The port opens before the store, the services and the features are loaded and built (most
    // of a start's CPU); the listener holds every connection until they are (startup-gate.ts).
    const gate = new StartupGate<ServingParts>();
    const services: ListenerServices = {
      process: info,
      logger,
      config,
      connections,
      bus,
      get presence() {
        return gate.get().presence;
      },
      get versions() {
        return gate.get().versions;
      },
      get devices() {
        return gate.get().devices;
      },
      healthSnapshot: () => gate.get().health.last() as Record<string, unknown>,
      features: {
        routes: () => features.routes(),
        connectionReady: (connection) => {
          gate.handshakeAnswered();
          features.connectionReady(connection);
        },
        connectionClosed: (connection) => features.connectionClosed(connection),
      },
      startup: (kind) => gate.pending(kind),
    };
    const listener = new ListenerHost({ services, router, lock, maxBufferedBytes: limitFromEnv('GATEHOUSE_MAX_BUFFERED_BYTES', MAX_BUFFERED_BYTES, options.env), announce: options.announce });
    const giveUp = async (error: unknown): Promise<never> => {
      gate.failed(error);
      await listener.close('start failed');
      idempotency.close();
      lock.release();
      await gatewayLogger.close();
      throw error;
    };
    for (const warning of [...initial.warnings, ...listenerSettings.warnings]) logger.warn({ config: initial.path }, warning);
    let serving: ServingParts;
    try {
      await listener.listen();
      // A chunk of its own in the bundle: its modules are read and run only now.
      const { buildServingParts } = await import('./serving-parts.js');
      serving = buildServingParts({ stateDir: options.stateDir, info, logger, config, bus, connections, features, router });
    } catch (error) {
      return await giveUp(error);
    }
    gate.ready(serving);
    const runtime = new GatewayRuntime(options, config, gatewayLogger, lock, { listener, idempotency, features, serving });
    restarter.runtime = runtime;
    serving.health.start();
    // Before any client is served: an edit made right after a hello-ok applies.
    runtime.watchConfigFile();
    // A client that dialled while the gateway was being built gets its hello-ok first; what follows
    // (the features' timers, channels, the skills parser, resumed runs) is not needed for one.
    await gate.firstHandshakeAnswered(FIRST_HANDSHAKE_WAIT_MS);
    await features.start();
    // After listen: resumed runs stream to the clients that reconnect.
    serving.agents.recoverUnfinished();
    setTimeout(trimStartupHeap, STARTUP_TRIM_DELAY_MS).unref();
    return runtime;
  }

  get logger() {
    return this.gatewayLogger.logger;
  }

  get url(): string {
    return this.parts.listener.url;
  }

  get boundPort(): number {
    return this.parts.listener.boundPort;
  }

  /** config.md §1.8: edits to the file apply like config.* writes (hot, or by an in-place restart). */
  private watchConfigFile(): void {
    const watch = new ConfigFileWatch(
      this.options.configPath,
      () => {
        this.reloadConfigFile().catch((error: unknown) => this.logger.error({ error: (error as Error).message }, 'config reload failed'));
      },
      (message, fields) => this.logger.warn(fields ?? {}, message),
    );
    watch.start();
    this.configWatch = watch;
  }

  private async reloadConfigFile(): Promise<void> {
    if (this.stopped) return;
    // A restart re-reads the file itself.
    await this.parts.listener.settled();
    const loaded = await loadConfig({ path: this.options.configPath, stateDir: this.options.stateDir, env: this.options.env });
    // Unchanged, or our own config.* write, already adopted.
    if (loaded.hash === this.config.current().hash || this.stopped) return;
    if (!loaded.valid) {
      this.logger.warn({ config: loaded.path, issues: loaded.issues }, 'config reload skipped (invalid config)');
      return;
    }
    if ((loaded.config.gateway?.reload?.mode ?? 'hybrid') === 'off') {
      this.logger.info({ config: loaded.path }, 'config file changed; not applied (gateway.reload.mode is "off")');
      return;
    }
    for (const warning of loaded.warnings) this.logger.warn({ config: loaded.path }, warning);
    // The same path as config.* writes; a restart that cannot listen at all ends the gateway, clearly.
    const applied = this.config.apply(loaded, 'when-required', 0);
    this.logger.info({ config: loaded.path, changedPaths: applied.changedPaths, restart: applied.restart.scheduled }, 'config file changed; applied');
  }

  /** An in-place restart after `delayMs` (config.* writes, config file edits). */
  private scheduleRestart(reason: string, delayMs: number): void {
    setTimeout(() => {
      this.restart(reason, delayMs).catch((error: unknown) => {
        // Not even the previous settings could listen again: nothing is left to serve.
        this.logger.fatal({ error: (error as Error).message }, 'gateway could not listen after a restart');
        this.options.announce(`gatehouse: the gateway could not listen after a restart: ${(error as Error).message}`);
        void this.shutdown('restart failed').finally(() => this.options.onFatal());
      });
    }, delayMs).unref();
  }

  /** In-place restart: drain and close the listener, re-read the config, listen again. */
  restart(reason: string, restartExpectedMs = 1_000): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return this.parts.listener.restart(
      reason,
      async () => {
        const loaded = await loadConfig({ path: this.options.configPath, stateDir: this.options.stateDir, env: this.options.env });
        if (loaded.valid) this.config.adopt(loaded);
        else this.logger.warn({ issues: loaded.issues }, 'config reload skipped (invalid config)');
      },
      restartExpectedMs,
    );
  }

  async shutdown(reason: string): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.configWatch?.stop();
    await this.parts.listener.settled();
    this.logger.info({ reason }, 'gateway stopping');
    await this.parts.features.stop(this.logger);
    await this.parts.serving.agents.shutdown();
    this.parts.serving.approvals.queue.close();
    this.parts.serving.health.stop();
    await this.parts.listener.close(reason);
    await this.releaseAll();
  }

  private async releaseAll(): Promise<void> {
    this.parts.idempotency.close();
    this.parts.serving.store.close();
    this.lock.release();
    await this.gatewayLogger.close();
  }
}
