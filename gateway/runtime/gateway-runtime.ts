import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  changedConfigPaths,
  loadConfig,
  restartRequired,
  resolveAgentRoster,
  resolveGatewaySettings,
  type AgentRoster,
  type GatewaySettings,
  type LoadedConfig,
} from '../config/index.js';
import { AgentRuntime } from '../agent/agent-runtime.js';
import { ModelCatalog } from '../agent/models/model-catalog.js';
import { createExecToolProvider } from '../agent/tools/exec-tool.js';
import { ExecApprovalQueue } from '../approvals/approval-queue.js';
import { ApprovalsDocuments } from '../approvals/approvals-documents.js';
import { OPERATOR_SCOPES, scopeSatisfied } from '../../shared/protocol/scopes.js';
import { EventBus } from '../events/event-bus.js';
import { createGatewayLogger, type GatewayLogger } from '../logging/gateway-logger.js';
import { ConnectionRegistry } from '../server/connection-registry.js';
import { allMethods } from '../methods/index.js';
import { MethodRouter } from '../router/dispatch.js';
import { IdempotencyCache } from '../router/idempotency-cache.js';
import { WriteRateLimiter } from '../router/write-rate-limiter.js';
import { AuthFailureLimiter } from '../server/auth-limiter.js';
import { GatewayServer, PortInUseError } from '../server/gateway-server.js';
import { GatewayStore } from '../store/gateway-store.js';
import { MAX_BUFFERED_BYTES } from '../../shared/protocol/limits.js';
import { ConfigFileWatch } from './config-file-watch.js';
import { STARTUP_TRIM_DELAY_MS, trimStartupHeap } from './startup-heap-trim.js';
import { createServices } from './create-services.js';
import type { ConfigState, ProcessInfo } from './gateway-services.js';
import { InstanceLock } from './instance-lock.js';
import { describePortOwner } from './port-owner.js';
import { loadOrCreateGatewayToken } from '../../shared/gateway-host/token-file.js';
import { EXIT_ANOTHER_OWNER, EXIT_FAILED } from '../../shared/gateway-host/exit-codes.js';
import { readyLine } from '../../shared/gateway-host/ready-line.js';
import { GATEHOUSE_VERSION } from './version.js';

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

/** A start-up problem the CLI reports and exits on (shared/gateway-host/exit-codes.ts). */
export class GatewayStartError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

function maxBufferedBytes(env: NodeJS.ProcessEnv): number {
  const override = Number(env.GATEHOUSE_MAX_BUFFERED_BYTES);
  return Number.isInteger(override) && override > 0 ? override : MAX_BUFFERED_BYTES;
}

/**
 * The whole gateway process: config, store, logger and lock live as long as the process; the
 * listener and its services are rebuilt by an in-place restart (config.apply).
 */
export class GatewayRuntime {
  private loaded!: LoadedConfig;
  private settings!: GatewaySettings;
  private roster!: AgentRoster;
  private catalog!: ModelCatalog;
  private bus: EventBus | undefined;
  private connections: ConnectionRegistry | undefined;
  private readonly agents: AgentRuntime;
  private readonly approvals: ExecApprovalQueue;
  private readonly approvalDocuments: ApprovalsDocuments;
  private server: GatewayServer | undefined;
  private restarting: Promise<void> | undefined;
  private stopped = false;
  private configWatch: ConfigFileWatch | undefined;
  private readonly idempotency = new IdempotencyCache();
  private readonly writeLimiter = new WriteRateLimiter();
  boundPort = 0;

  private constructor(
    private readonly options: GatewayRunOptions,
    private readonly processInfo: ProcessInfo,
    private readonly store: GatewayStore,
    private readonly gatewayLogger: GatewayLogger,
    private readonly lock: InstanceLock,
  ) {
    this.approvalDocuments = new ApprovalsDocuments(store.execApprovals);
    this.approvals = new ExecApprovalQueue(
      store.execApprovals,
      () => this.currentBus(),
      () =>
        (this.connections?.all() ?? []).filter(
          (connection) => connection.session?.role === 'operator' && scopeSatisfied(OPERATOR_SCOPES.approvals, connection.session.scopes),
        ).length,
    );
    this.agents = new AgentRuntime({
      store,
      logger: gatewayLogger.logger,
      bus: () => this.currentBus(),
      catalog: () => this.catalog,
      roster: () => this.roster,
      configPath: () => this.loaded.path,
      limits: () => {
        const defaults = this.loaded.config.agents?.defaults;
        return {
          timeoutSeconds: defaults?.timeoutSeconds ?? 172_800,
          maxConcurrent: defaults?.maxConcurrent ?? 8,
          ...(defaults?.thinkingDefault ? { thinkingDefault: defaults.thinkingDefault } : {}),
        };
      },
      tools: createExecToolProvider({
        approvals: this.approvals,
        documents: this.approvalDocuments,
        config: () => this.loaded.config,
        logger: gatewayLogger.logger,
      }),
    });
  }

  /** Events of runs that outlive a restart go to whichever listener is current. */
  private currentBus(): EventBus {
    this.bus ??= new EventBus(new ConnectionRegistry());
    return this.bus;
  }

  static async start(options: GatewayRunOptions): Promise<GatewayRuntime> {
    const loaded = await loadConfig({ path: options.configPath, stateDir: options.stateDir, env: options.env });
    if (!loaded.valid) {
      const issues = loaded.issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n');
      throw new GatewayStartError(`config ${loaded.path} is invalid:\n${issues}`, EXIT_FAILED);
    }
    // Take the lock before anything is written to the state dir (a losing gateway writes nothing).
    const listener = GatewayRuntime.resolveSettings(loaded, options);
    let lock: InstanceLock;
    try {
      lock = InstanceLock.acquire(options.stateDir, { pid: process.pid, port: listener.port, host: listener.host, startedAtMs: Date.now() });
    } catch (error) {
      throw new GatewayStartError((error as Error).message, EXIT_ANOTHER_OWNER);
    }
    const settings = GatewayRuntime.settingsFor(loaded, options);
    const gatewayLogger = createGatewayLogger(settings.logging);
    const store = GatewayStore.open(options.stateDir);
    const info: ProcessInfo = {
      version: GATEHOUSE_VERSION,
      bootId: randomUUID(),
      startedAtMs: Date.now(),
      hostName: hostname(),
      stateDir: options.stateDir,
      logFile: gatewayLogger.file,
    };
    const runtime = new GatewayRuntime(options, info, store, gatewayLogger, lock);
    runtime.adopt(loaded);
    for (const warning of [...loaded.warnings, ...settings.warnings]) gatewayLogger.logger.warn({ config: loaded.path }, warning);
    try {
      await runtime.listen();
    } catch (error) {
      await runtime.releaseAll();
      throw error;
    }
    runtime.watchConfigFile();
    // After listen: resumed runs stream to the clients that reconnect.
    runtime.agents.recoverUnfinished();
    setTimeout(trimStartupHeap, STARTUP_TRIM_DELAY_MS).unref();
    return runtime;
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
    if (this.restarting) await this.restarting.catch(() => undefined);
    const loaded = await loadConfig({ path: this.options.configPath, stateDir: this.options.stateDir, env: this.options.env });
    // Unchanged, or our own config.* write, already adopted.
    if (loaded.hash === this.loaded.hash || this.stopped) return;
    if (!loaded.valid) {
      this.logger.warn({ config: loaded.path, issues: loaded.issues }, 'config reload skipped (invalid config)');
      return;
    }
    const changedPaths = changedConfigPaths(this.loaded.resolved ?? undefined, loaded.resolved ?? undefined);
    if ((loaded.config.gateway?.reload?.mode ?? 'hybrid') === 'off') {
      this.logger.info({ config: loaded.path, changedPaths }, 'config file changed; not applied (gateway.reload.mode is "off")');
      return;
    }
    for (const warning of loaded.warnings) this.logger.warn({ config: loaded.path }, warning);
    this.adopt(loaded);
    this.currentBus().broadcast('config.changed', { path: loaded.path, hash: loaded.hash, changedPaths });
    const restart = restartRequired(changedPaths);
    this.logger.info({ config: loaded.path, changedPaths, restart }, 'config file changed; applied');
    // The same path as config.apply: a restart that cannot listen at all ends the gateway, clearly.
    if (restart) this.scheduleRestart('config file changed', 0);
  }

  private static resolveSettings(loaded: LoadedConfig, options: GatewayRunOptions): GatewaySettings {
    try {
      return resolveGatewaySettings(loaded.config, loaded.env, options.overrides);
    } catch (error) {
      throw new GatewayStartError((error as Error).message, EXIT_FAILED);
    }
  }

  /** Settings with the shared-token fallback: the generated token file when nothing else names one. */
  private static settingsFor(loaded: LoadedConfig, options: GatewayRunOptions): GatewaySettings {
    let settings = GatewayRuntime.resolveSettings(loaded, options);
    if (settings.auth.mode === 'token' && !settings.auth.token) {
      const file = loadOrCreateGatewayToken(options.stateDir);
      if (file.created) options.announce(`generated a gateway token in ${file.path} (print it with \`gatehouse gateway token\`)`);
      settings = { ...settings, auth: { ...settings.auth, token: file.token } };
    }
    return settings;
  }

  get logger() {
    return this.gatewayLogger.logger;
  }

  get url(): string {
    const host = this.settings.host.includes(':') ? `[${this.settings.host}]` : this.settings.host;
    return `ws://${host}:${this.boundPort}`;
  }

  private adopt(loaded: LoadedConfig): void {
    this.loaded = loaded;
    this.roster = resolveAgentRoster(loaded.config, this.options.stateDir, loaded.env);
    this.catalog = new ModelCatalog(loaded.config, loaded.env, loaded.path);
    // Listener settings change only by restart; everything else applies at once.
    const next = GatewayRuntime.settingsFor(loaded, this.options);
    this.settings = this.server ? { ...next, host: this.settings.host, port: this.settings.port, bind: this.settings.bind } : next;
  }

  private configState(): ConfigState {
    return {
      current: () => this.loaded,
      settings: () => this.settings,
      roster: () => this.roster,
      models: () => this.catalog,
      adopt: (loaded) => this.adopt(loaded),
      requestRestart: (reason, delayMs) => {
        this.scheduleRestart(reason, delayMs);
        return { delayMs };
      },
    };
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

  private async listen(): Promise<void> {
    const connections = new ConnectionRegistry();
    this.connections = connections;
    this.bus = new EventBus(connections);
    const services = createServices({
      process: this.processInfo,
      logger: this.logger,
      store: this.store,
      config: this.configState(),
      agents: this.agents,
      approvals: this.approvals,
      approvalDocuments: this.approvalDocuments,
      bus: this.bus,
      connections,
    });
    const router = new MethodRouter(this.idempotency, this.writeLimiter, (level, message, fields) =>
      this.logger[level](fields, message),
    );
    router.register(allMethods(services));
    const { rateLimit } = this.settings.auth;
    const server = new GatewayServer({
      services,
      router,
      limiter: new AuthFailureLimiter(rateLimit),
      maxBufferedBytes: maxBufferedBytes(this.options.env),
    });
    try {
      // A restart keeps a port picked by the OS (port 0), so clients can find the gateway again.
      const port = this.settings.port === 0 && this.boundPort ? this.boundPort : this.settings.port;
      this.boundPort = await server.listen(this.settings.host, port);
    } catch (error) {
      if (error instanceof PortInUseError) {
        throw new GatewayStartError(await describePortOwner(error.host, error.port), EXIT_ANOTHER_OWNER);
      }
      throw error;
    }
    this.server = server;
    this.lock.update({ pid: process.pid, port: this.boundPort, host: this.settings.host, startedAtMs: this.processInfo.startedAtMs });
    this.logger.info({ url: this.url, pid: process.pid, stateDir: this.options.stateDir }, 'gateway listening');
    this.options.announce(readyLine(this.url, process.pid, this.options.stateDir));
  }

  /** In-place restart: drain and close the listener, re-read the config, listen again. */
  restart(reason: string, restartExpectedMs = 1_000): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.restarting ??= (async () => {
      this.logger.info({ reason }, 'gateway restarting in place');
      await this.server?.close(reason, restartExpectedMs);
      this.server = undefined;
      const previous = this.settings;
      const loaded = await loadConfig({ path: this.options.configPath, stateDir: this.options.stateDir, env: this.options.env });
      if (loaded.valid) this.adopt(loaded);
      else this.logger.warn({ issues: loaded.issues }, 'config reload skipped (invalid config)');
      try {
        this.settings = GatewayRuntime.settingsFor(this.loaded, this.options);
        await this.listen();
      } catch (error) {
        // The new listener settings do not work (port taken, bad bind): keep serving on the old ones.
        this.logger.error({ error: (error as Error).message }, 'restart with the new settings failed; listening as before');
        this.options.announce(`gatehouse: could not apply the new listener settings (${(error as Error).message}); still on the previous ones`);
        this.settings = previous;
        await this.listen();
      }
    })().finally(() => {
      this.restarting = undefined;
    });
    return this.restarting;
  }

  async shutdown(reason: string): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.configWatch?.stop();
    await this.restarting?.catch(() => undefined);
    this.logger.info({ reason }, 'gateway stopping');
    await this.agents.shutdown();
    this.approvals.close();
    await this.server?.close(reason);
    this.server = undefined;
    await this.releaseAll();
  }

  private async releaseAll(): Promise<void> {
    this.idempotency.close();
    this.store.close();
    this.lock.release();
    await this.gatewayLogger.close();
  }
}
