import type { GatewaySettings } from '../config/index.js';
import { MethodRouter } from '../router/dispatch.js';
import { AuthFailureLimiter } from '../server/auth-limiter.js';
import { GatewayServer, PortInUseError, type ListenerServices } from '../server/gateway-server.js';
import { loadTlsMaterial, TlsSetupError, type TlsMaterial } from '../server/tls-material.js';
import { TlsRenewal } from '../server/tls-renewal.js';
import { EXIT_FAILED } from '../../../shared/gateway-host/exit-codes.js';
import { EXIT_ANOTHER_OWNER } from '../../../shared/gateway-host/exit-codes.js';
import { readyLine } from '../../../shared/gateway-host/ready-line.js';
import type { InstanceLock } from './instance-lock.js';
import { describePortOwner } from './port-owner.js';

/** A start-up problem the CLI reports and exits on (shared/gateway-host/exit-codes.ts). */
export class GatewayStartError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export interface ListenerHostOptions {
  services: ListenerServices;
  router: MethodRouter;
  lock: InstanceLock;
  maxBufferedBytes: number;
  announce: (line: string) => void;
}

/**
 * The HTTP + WebSocket listener's lifetime: listen, close, and the in-place restart that closes
 * it and listens again with the settings the config now names. Everything else in the process
 * (features, runs, subscriptions, the event bus) outlives a restart untouched.
 */
export class ListenerHost {
  private server: GatewayServer | undefined;
  private restarting: Promise<void> | undefined;
  boundPort = 0;
  /** The certificate served while TLS is on (its fingerprint is published), else undefined. */
  tls: TlsMaterial | undefined;
  private renewal: TlsRenewal | undefined;

  constructor(private readonly options: ListenerHostOptions) {}

  get url(): string {
    const host = this.settings.host.includes(':') ? `[${this.settings.host}]` : this.settings.host;
    return `${this.tls ? 'wss' : 'ws'}://${host}:${this.boundPort}`;
  }

  private get settings(): GatewaySettings {
    return this.options.services.config.settings();
  }

  /**
   * Listens and prints the ready line. Connections that arrive before the rest of the gateway is
   * built are held by the listener until it is (composition/startup-gate.ts).
   */
  async listen(): Promise<void> {
    const { services } = this.options;
    const settings = this.settings;
    const tls = await this.loadTls();
    const server = new GatewayServer({
      services,
      router: this.options.router,
      limiter: new AuthFailureLimiter(settings.auth.rateLimit),
      maxBufferedBytes: this.options.maxBufferedBytes,
      ...(tls ? { tls: { cert: tls.cert, key: tls.key } } : {}),
    });
    try {
      // A restart keeps a port picked by the OS (port 0), so clients can find the gateway again.
      const port = settings.port === 0 && this.boundPort ? this.boundPort : settings.port;
      this.boundPort = await server.listen(settings.host, port);
    } catch (error) {
      if (error instanceof PortInUseError) {
        throw new GatewayStartError(await describePortOwner(error.host, error.port), EXIT_ANOTHER_OWNER);
      }
      throw error;
    }
    this.server = server;
    services.config.pinListener(settings);
    const { process: info, logger } = services;
    this.tls = tls;
    this.options.lock.update({
      pid: process.pid,
      port: this.boundPort,
      host: settings.host,
      startedAtMs: info.startedAtMs,
      ...(tls ? { tlsFingerprint: tls.fingerprint } : {}),
    });
    if (tls) {
      logger.info({ fingerprint: tls.fingerprint, generated: tls.generated }, 'tls certificate');
      this.options.announce(`gatehouse gateway TLS certificate SHA-256 fingerprint: ${tls.fingerprint}${tls.generated ? ' (newly generated)' : ''}`);
      this.watchTls(server, tls);
    }
    this.options.announce(readyLine(this.url, process.pid, info.stateDir));
    logger.info({ url: this.url, pid: process.pid, stateDir: info.stateDir }, 'gateway listening');
  }

  /** Serves a certificate replaced in place without a restart, and publishes its fingerprint. */
  private watchTls(server: GatewayServer, initial: TlsMaterial): void {
    const { services, lock, announce } = this.options;
    this.renewal = new TlsRenewal(
      {
        settings: this.settings.tls,
        hostName: services.process.hostName,
        renewed: (material) => {
          server.renewTls(material);
          this.tls = material;
          const settings = this.settings;
          lock.update({ pid: process.pid, port: this.boundPort, host: settings.host, startedAtMs: services.process.startedAtMs, tlsFingerprint: material.fingerprint });
          services.logger.info({ fingerprint: material.fingerprint }, 'tls certificate renewed');
          announce(`gatehouse gateway TLS certificate renewed; SHA-256 fingerprint: ${material.fingerprint}`);
        },
        failed: (message) => services.logger.warn({ error: message }, 'tls certificate files changed but cannot be used; still serving the previous pair'),
      },
      initial,
    );
    this.renewal.start();
  }

  /** The certificate and key when gateway.tls is on; a set-up the listener cannot use stops the start. */
  private async loadTls(): Promise<TlsMaterial | undefined> {
    const settings = this.settings;
    if (!settings.tls.enabled) return undefined;
    try {
      return await loadTlsMaterial(settings.tls, this.options.services.process.hostName);
    } catch (error) {
      if (error instanceof TlsSetupError) throw new GatewayStartError(error.message, EXIT_FAILED);
      throw error;
    }
  }

  /** Drains and closes the listener, re-reads the config (`reload`), listens again. */
  restart(reason: string, reload: () => Promise<void>, restartExpectedMs = 1_000): Promise<void> {
    const { config, logger } = this.options.services;
    this.restarting ??= (async () => {
      logger.info({ reason }, 'gateway restarting in place');
      this.renewal?.stop();
      await this.server?.close(reason, restartExpectedMs);
      this.server = undefined;
      const previous = config.settings();
      await reload();
      try {
        config.unpinListener();
        await this.listen();
      } catch (error) {
        // The new listener settings do not work (port taken, bad bind): keep serving on the old ones.
        logger.error({ error: (error as Error).message }, 'restart with the new settings failed; listening as before');
        this.options.announce(`gatehouse: could not apply the new listener settings (${(error as Error).message}); still on the previous ones`);
        config.pinListener(previous);
        await this.listen();
      }
    })().finally(() => {
      this.restarting = undefined;
    });
    return this.restarting;
  }

  /** Settles when no restart is in progress. */
  async settled(): Promise<void> {
    await this.restarting?.catch(() => undefined);
  }

  async close(reason: string): Promise<void> {
    this.renewal?.stop();
    await this.server?.close(reason);
    this.server = undefined;
  }
}
