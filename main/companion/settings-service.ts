/**
 * Settings: the companion's preferences (PreferencesStore), the remote token (SecretStore),
 * launch at login (the OS), and what lives in the gateway's own config — the default model and
 * where the gateway listens (`gateway.bind`) — read with config.get and written with
 * config.patch against the hash it was read at.
 */
import type { ActionResult, ProviderSetup, SettingsView } from '../../shared/ipc/contract.js';
import { patchGatewayConfig, readGatewayConfig } from '../../client/config/gateway-config.js';
import { configField, defaultModelOf } from '../../client/config/provider-config.js';
import { applyProviderSetup } from '../../client/config/provider-setup.js';
import { describeFailure } from '../../client/describe-failure.js';
import type { GatewayRequest } from '../../client/gateway-request.js';
import type { CheckedRequest } from '../../client/requests/request-schemas.js';
import { BadRequestError } from '../../client/requests/request-schemas.js';
import type { SecretEncryption } from '../identity/secret-box.js';
import type { LaunchAtLogin } from '../settings/launch-at-login.js';
import type { Preferences, PreferencesStore, SecretStore } from '../settings/preferences.js';

export interface SettingsServiceOptions {
  preferences: PreferencesStore;
  secrets: SecretStore;
  launchAtLogin: LaunchAtLogin;
  secretEncryption: () => SecretEncryption;
  request: GatewayRequest;
  connected: () => boolean;
  /** The gateway link must change (mode, port, remote URL or token). */
  relink: () => Promise<void>;
  /** Whenever what Settings shows has changed, from any window, the tray, or the gateway's config. */
  changed?: (view: SettingsView) => void;
  log?: (message: string) => void;
}

type ConfigSnapshot = { hash: string; model: string | undefined; bind: string | undefined };

export class SettingsService {
  readonly #options: SettingsServiceOptions;
  #config: ConfigSnapshot | undefined;
  /** A bind chosen while no gateway was connected; written to its config once one is. */
  #pendingBind: Preferences['bind'] | undefined;
  /** The last view announced through `changed`, to announce changes only. */
  #announced: string | undefined;

  constructor(options: SettingsServiceOptions) {
    this.#options = options;
  }

  view(): SettingsView {
    const preferences = this.#options.preferences.read();
    const model = this.#config?.model;
    return {
      gatewayMode: preferences.gatewayMode,
      ...(preferences.remoteUrl === undefined ? {} : { remoteUrl: preferences.remoteUrl }),
      port: preferences.port,
      bind: preferences.bind,
      notifications: preferences.notifications,
      launchAtLogin: this.#launchAtLogin(),
      quitBehavior: preferences.quitBehavior,
      ...(model === undefined ? {} : { model }),
      providerConfigured: model !== undefined,
      secretStorage: this.#options.secretEncryption() === 'encrypted' ? 'encrypted' : 'unencrypted',
      onboardingDone: preferences.onboardingDone,
    };
  }

  /**
   * Tells every window when what Settings shows has changed. Cheap to call after anything that
   * might have changed it: an unchanged view is not announced again.
   */
  announce(): void {
    const view = this.view();
    const text = JSON.stringify(view);
    if (text === this.#announced) return;
    this.#announced = text;
    this.#options.changed?.(view);
  }

  /** Connected (again), or the config changed: read what Settings shows from the gateway. */
  async refreshFromGateway(): Promise<void> {
    try {
      const { hash, config } = await readGatewayConfig(this.#options.request);
      const bind = configField(config['gateway'], 'bind');
      this.#config = { hash: hash ?? '', model: defaultModelOf(config), bind: typeof bind === 'string' ? bind : undefined };
      const pending = this.#pendingBind;
      if (pending !== undefined) {
        this.#pendingBind = undefined;
        if ((this.#config.bind ?? 'loopback') !== pending) await this.#patchConfig({ gateway: { bind: pending } });
      }
    } catch (error) {
      this.#options.log?.(`could not read the gateway config: ${describeFailure(error)}`);
    }
    this.announce();
  }

  forgetGateway(): void {
    this.#config = undefined;
    this.announce();
  }

  async update(change: CheckedRequest<'settings:update'>): Promise<SettingsView> {
    const before = this.#options.preferences.read();
    const next: Partial<Preferences> = {};
    if (change.gatewayMode !== undefined) next.gatewayMode = change.gatewayMode;
    if (change.remoteUrl !== undefined) {
      const url = gatewayUrl(change.remoteUrl);
      if (url === undefined) throw new BadRequestError('settings:update', 'remoteUrl must be a ws://, wss://, http:// or https:// URL without credentials');
      next.remoteUrl = url;
    }
    if ((next.gatewayMode ?? before.gatewayMode) === 'remote' && (next.remoteUrl ?? before.remoteUrl) === undefined) {
      throw new BadRequestError('settings:update', 'attaching to a gateway needs its URL (remoteUrl)');
    }
    for (const name of ['port', 'bind', 'notifications', 'quitBehavior', 'onboardingDone'] as const) {
      if (change[name] !== undefined) (next as Record<string, unknown>)[name] = change[name];
    }

    if (next.bind !== undefined && next.bind !== before.bind && (next.gatewayMode ?? before.gatewayMode) === 'local') {
      if (this.#options.connected()) {
        const result = await this.#patchConfig({ gateway: { bind: next.bind } });
        if (!result.ok) throw new Error(`settings:update: the gateway did not take the new bind setting: ${result.message ?? ''}`.trim());
      } else {
        this.#pendingBind = next.bind;
      }
    }

    this.#options.preferences.write(next);
    if (change.remoteToken !== undefined) this.#options.secrets.set('remoteGatewayToken', change.remoteToken);
    if (change.launchAtLogin !== undefined && change.launchAtLogin !== this.#launchAtLogin()) {
      this.#options.launchAtLogin.setEnabled(change.launchAtLogin);
    }

    const after = this.#options.preferences.read();
    const relink =
      after.gatewayMode !== before.gatewayMode ||
      (after.gatewayMode === 'local' && after.port !== before.port) ||
      (after.gatewayMode === 'remote' && (after.remoteUrl !== before.remoteUrl || change.remoteToken !== undefined));
    if (relink) await this.#options.relink();
    this.announce();
    return this.view();
  }

  async setProvider(setup: ProviderSetup): Promise<ActionResult> {
    const result = await applyProviderSetup(this.#options.request, this.#options.connected(), setup);
    if (result.ok) await this.refreshFromGateway();
    return result;
  }

  /** config.patch against the hash of the config as it is now, then read back. */
  async #patchConfig(patch: Record<string, unknown>): Promise<ActionResult> {
    try {
      await patchGatewayConfig(this.#options.request, patch);
      await this.refreshFromGateway();
      return { ok: true };
    } catch (error) {
      return { ok: false, message: describeFailure(error) };
    }
  }

  #launchAtLogin(): boolean {
    try {
      return this.#options.launchAtLogin.isEnabled();
    } catch {
      return false;
    }
  }
}

/** ws(s):// as is, http(s):// turned into ws(s)://; no credentials in the URL (the token field is for that). */
export function gatewayUrl(value: string): string | undefined {
  const url = URL.parse(value.trim());
  if (url === null || url.username !== '' || url.password !== '') return undefined;
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return undefined;
  return url.href.replace(/\/$/, '');
}
