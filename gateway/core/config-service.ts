import {
  changedConfigPaths,
  resolveAgentRoster,
  resolveGatewaySettings,
  restartRequired,
  type AgentRoster,
  type GatewaySettings,
  type GatewaySettingsOverrides,
  type LoadedConfig,
} from './config/index.js';
import type { EventBus } from './events/event-bus.js';
import { loadOrCreateGatewayToken } from '../../shared/gateway-host/token-file.js';

/** What a subscriber hears after a new config is adopted. */
export interface ConfigChange {
  readonly next: LoadedConfig;
  readonly previous: LoadedConfig;
  readonly changedPaths: readonly string[];
}

export type ConfigListener = (change: ConfigChange) => void;

export interface ConfigServiceOptions {
  initial: LoadedConfig;
  stateDir: string;
  /** The environment the gateway was started with; config writes resolve `${VAR}` against it. */
  env: NodeJS.ProcessEnv;
  overrides: GatewaySettingsOverrides;
  bus: EventBus;
  /** Prints a one-line note for the person who started the gateway (the CLI's stdout). */
  announce: (line: string) => void;
  /** Schedules an in-place restart of the listener. */
  restart: (reason: string, delayMs: number) => void;
}

/**
 * The live configuration and the one way it changes. Everything that hot-reloads subscribes;
 * `apply` is the single path of config.* writes and file edits: adopt, notify subscribers,
 * announce `config.changed` to operators, restart in place when a changed key needs it.
 */
export class ConfigService {
  private loaded: LoadedConfig;
  private currentRoster: AgentRoster;
  private currentSettings: GatewaySettings;
  private readonly listeners = new Set<ConfigListener>();
  /** Listener settings (host, port, bind) change only by restart: set once listening. */
  private listenerPinned = false;

  constructor(private readonly options: ConfigServiceOptions) {
    this.loaded = options.initial;
    this.currentRoster = resolveAgentRoster(options.initial.config, options.stateDir, options.initial.env);
    this.currentSettings = this.settingsFor(options.initial);
  }

  current(): LoadedConfig {
    return this.loaded;
  }

  settings(): GatewaySettings {
    return this.currentSettings;
  }

  roster(): AgentRoster {
    return this.currentRoster;
  }

  get stateDir(): string {
    return this.options.stateDir;
  }

  get env(): NodeJS.ProcessEnv {
    return this.options.env;
  }

  subscribe(listener: ConfigListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Settings with the shared-token fallback: the generated token file when nothing else names
   * one. Throws GatewaySettingsError on a config the listener cannot use.
   */
  settingsFor(loaded: LoadedConfig): GatewaySettings {
    const settings = resolveGatewaySettings(loaded.config, loaded.env, this.options.overrides);
    if (settings.auth.mode !== 'token' || settings.auth.token) return settings;
    const file = loadOrCreateGatewayToken(this.options.stateDir);
    if (file.created) this.options.announce(`generated a gateway token in ${file.path} (print it with \`gatehouse gateway token\`)`);
    return { ...settings, auth: { ...settings.auth, token: file.token } };
  }

  /** Called by the listener host once it listens: from now on host and port change only by restart. */
  pinListener(settings: GatewaySettings): void {
    this.currentSettings = settings;
    this.listenerPinned = true;
  }

  /**
   * Adopts `next` for everything that hot-reloads, tells subscribers and operators, and restarts
   * in place when `restart` says so ('when-required': a changed key needs it, spec config.md §1.8).
   */
  apply(
    next: LoadedConfig,
    restart: 'always' | 'when-required' | 'never',
    delayMs = 0,
    /** What the writer already computed against the file it replaced. */
    knownChangedPaths?: readonly string[],
  ): { changedPaths: string[]; restart: { scheduled: true; delayMs: number } | { scheduled: false; required: boolean } } {
    const changedPaths = this.adopt(next, knownChangedPaths);
    this.options.bus.broadcast('config.changed', { path: next.path, hash: next.hash, changedPaths });
    const required = restartRequired(changedPaths);
    if (restart === 'always' || (restart === 'when-required' && required)) {
      this.options.restart('config change', delayMs);
      return { changedPaths, restart: { scheduled: true, delayMs } };
    }
    return { changedPaths, restart: { scheduled: false, required } };
  }

  /**
   * Adopts `next` and tells subscribers, without announcing it to clients (an in-place restart's
   * re-read: the clients reconnect to it). Returns the changed paths.
   */
  adopt(next: LoadedConfig, knownChangedPaths?: readonly string[]): string[] {
    const previous = this.loaded;
    const changedPaths = knownChangedPaths ? [...knownChangedPaths] : changedConfigPaths(previous.resolved ?? undefined, next.resolved ?? undefined);
    this.loaded = next;
    this.currentRoster = resolveAgentRoster(next.config, this.options.stateDir, next.env);
    const settings = this.settingsFor(next);
    this.currentSettings = this.listenerPinned
      ? { ...settings, host: this.currentSettings.host, port: this.currentSettings.port, bind: this.currentSettings.bind }
      : settings;
    if (next !== previous) for (const listener of this.listeners) listener({ next, previous, changedPaths });
    return changedPaths;
  }

  /** A restart re-resolves everything, the listener settings included. */
  unpinListener(): void {
    this.listenerPinned = false;
    this.currentSettings = this.settingsFor(this.loaded);
  }
}
