/**
 * Settings in the browser: what lives in the gateway's own config (the default model, the bind
 * address) read with config.get and written with config.patch, as the tray does. The tray's app
 * preferences (mode, port, notifications, launch at login, quitting) do not exist here; the view
 * fills them with what is true of a browser attached to a running gateway, and the Settings page
 * hides their sections (bridge capabilities).
 */
import { readGatewayConfig } from '../../client/config/gateway-config';
import { configField, defaultModelOf } from '../../client/config/provider-config';
import { applyProviderSetup } from '../../client/config/provider-setup';
import type { GatewayRequest } from '../../client/gateway-request';
import type { ActionResult, ProviderSetup, SettingsView } from '../../shared/ipc/contract';

export interface WebSettingsOptions {
  request: GatewayRequest;
  connected: () => boolean;
  methods: () => readonly string[];
  emit: (view: SettingsView) => void;
}

export class WebSettings {
  readonly #options: WebSettingsOptions;
  #model: string | undefined;
  #bind: SettingsView['bind'] = 'loopback';
  #announced: string | undefined;
  #stale = true;

  constructor(options: WebSettingsOptions) {
    this.#options = options;
  }

  view(): SettingsView {
    const port = Number(location.port || (location.protocol === 'https:' ? 443 : 80));
    return {
      gatewayMode: 'remote',
      remoteUrl: location.origin,
      port,
      bind: this.#bind,
      notifications: false,
      launchAtLogin: false,
      quitBehavior: 'leave-running',
      ...(this.#model === undefined ? {} : { model: this.#model }),
      providerConfigured: this.#model !== undefined,
      // Nothing secret is stored in the browser but the device key (non-extractable) and its token.
      secretStorage: 'encrypted',
      onboardingDone: true,
    };
  }

  /** The gateway's config may have changed (a new connection, a `config.changed` event): the next `current()` reads it again. */
  markStale(): void {
    this.#stale = true;
  }

  /** The view, read from the gateway's config first when that has not been read since it last changed. */
  async current(): Promise<SettingsView> {
    if (this.#stale) await this.refresh();
    return this.view();
  }

  async refresh(): Promise<void> {
    if (!this.#options.connected() || !this.#options.methods().includes('config.get')) return;
    try {
      const { config } = await readGatewayConfig(this.#options.request);
      this.#stale = false;
      this.#model = defaultModelOf(config);
      const bind = configField(config['gateway'], 'bind');
      this.#bind = bind === 'lan' || bind === 'tailnet' ? bind : 'loopback';
    } catch (error) {
      console.warn(`gatehouse: could not read the gateway config: ${error instanceof Error ? error.message : String(error)}`);
    }
    const view = this.view();
    const key = JSON.stringify(view);
    if (key === this.#announced) return;
    this.#announced = key;
    this.#options.emit(view);
  }

  async setProvider(setup: ProviderSetup): Promise<ActionResult> {
    const result = await applyProviderSetup(this.#options.request, this.#options.connected(), setup);
    if (result.ok) await this.refresh();
    return result;
  }
}
