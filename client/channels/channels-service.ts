/**
 * Settings → Channels on top of the operator connection: channels.status (with `probe` for
 * "Check now"), channels.start / stop / logout, and a bot token written into the gateway's config
 * with config.get + config.patch against the hash it was read at. The gateway applies channel
 * config without a restart, so a new token shows up as "connecting", then "connected".
 *
 * Every answer is parsed with the protocol's schema (channel-views.ts). Methods the gateway does
 * not list in hello-ok `features.methods` are never called: without channels.status the section
 * says `unsupported` and the window hides it. Actions answer an ActionResult with a sentence a
 * person can act on; a token never appears in a log line, a view or a message.
 */
import type { ActionResult, ChannelAccountRef, ChannelsView, ChannelTokenInput } from '../../shared/ipc/contract.js';
import { patchGatewayConfig, readGatewayConfig } from '../config/gateway-config.js';
import type { GatewayRequest } from '../gateway-request.js';
import { describeFailure } from '../describe-failure.js';
import {
  channelsLogoutResult,
  channelsStartResult,
  channelsStatusResult,
  channelsStopResult,
  channelsView,
  namedAccountsOf,
  tokenPatch,
  withoutSecret,
} from './channel-views.js';
import { parsed } from '../parse-answer.js';

export interface ChannelsServiceOptions {
  request: GatewayRequest;
  connected: () => boolean;
  /** hello-ok `features.methods` of the current connection. */
  methods: () => readonly string[];
  emit: (view: ChannelsView) => void;
  /** Waits before the view is read again after an action or a reconnect (ms). */
  refreshDelaysMs?: readonly number[];
  log?: (message: string) => void;
}

/** A probe asks Telegram/Discord themselves: give them the gateway's default 10 s, and the call a little more. */
const PROBE_TIMEOUT_MS = 10_000;
/** After a token change or start the account connects within a few seconds: look again then. */
const DEFAULT_REFRESH_DELAYS_MS = [300, 1_500, 4_000];

export const CONFIG_CONFLICT_MESSAGE = 'The gateway’s settings changed while the token was being saved, so nothing was written. Try again.';

export class ChannelsService {
  readonly #options: ChannelsServiceOptions;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #last: string | undefined;
  #generation = 0;
  #disposed = false;

  constructor(options: ChannelsServiceOptions) {
    this.#options = options;
  }

  #serves(method: string): boolean {
    return this.#options.methods().includes(method);
  }

  #actions(): ChannelsView['actions'] {
    return { start: this.#serves('channels.start'), stop: this.#serves('channels.stop'), logout: this.#serves('channels.logout') };
  }

  /** What the section shows now. */
  async status(): Promise<ChannelsView> {
    return this.#read(false);
  }

  /** "Check now": each platform is asked whether the token still works. */
  async check(): Promise<ChannelsView> {
    const view = await this.#read(true);
    this.#publish(view);
    return view;
  }

  async setToken(input: ChannelTokenInput): Promise<ActionResult> {
    const { channel, token } = input;
    if (!this.#options.connected()) return { ok: false, message: 'Start the gateway first: the bot token is part of its config.' };
    if (!this.#serves('config.patch') || !this.#serves('config.get')) return { ok: false, message: 'This gateway does not let Gatehouse change its config, so the token cannot be set from here.' };
    try {
      const current = await this.#read(false);
      const known = current.channels.find((entry) => entry.id === channel);
      const defaultAccountId = known?.defaultAccountId ?? 'default';
      const accountId = input.accountId ?? defaultAccountId;
      // Only an account the gateway already knows, or the default one: a page cannot invent config keys.
      if (accountId !== defaultAccountId && !known?.accounts.some((account) => account.accountId === accountId)) {
        return { ok: false, message: `There is no ${channel} account “${accountId}” in the gateway’s config.` };
      }
      const config = await readGatewayConfig(this.#options.request);
      await patchGatewayConfig(this.#options.request, tokenPatch(channel, accountId, token, namedAccountsOf(config.config, channel), defaultAccountId), config);
      this.#options.log?.(`set the ${channel} bot token of account ${accountId}`);
      this.refreshSoon();
      return { ok: true, message: 'Saved. The gateway connects with the new token now.' };
    } catch (error) {
      return { ok: false, message: configWriteFailure(error, token) };
    }
  }

  start(ref: ChannelAccountRef): Promise<ActionResult> {
    return this.#act('channels.start', ref, (raw) => {
      const result = parsed('channels.start', channelsStartResult, raw);
      if (result.started || result.outcome.status === 'already-running') return { ok: true };
      return { ok: false, message: `The gateway did not start it (${result.outcome.reason ?? result.outcome.status}).` };
    });
  }

  stop(ref: ChannelAccountRef): Promise<ActionResult> {
    return this.#act('channels.stop', ref, (raw) => {
      parsed('channels.stop', channelsStopResult, raw);
      return { ok: true };
    });
  }

  logout(ref: ChannelAccountRef): Promise<ActionResult> {
    return this.#act('channels.logout', ref, (raw) => {
      const result = parsed('channels.logout', channelsLogoutResult, raw);
      return { ok: true, ...(result.message ? { message: result.message } : {}) };
    });
  }

  /** The connection came up or went away. */
  onConnectionChanged(): void {
    this.refreshSoon();
  }

  /** Reads the view again after each of the refresh delays, pushing it when it changed. */
  refreshSoon(): void {
    if (this.#disposed) return;
    // A new burst replaces the one pending: its reads would only be thrown away as stale.
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const delay of this.#options.refreshDelaysMs ?? DEFAULT_REFRESH_DELAYS_MS) {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        void this.refresh();
      }, delay);
      this.#timers.add(timer);
    }
  }

  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    const view = await this.#read(false).catch((error: unknown) => {
      this.#options.log?.(`channels.status failed: ${describeFailure(error)}`);
      return undefined;
    });
    if (view !== undefined && generation === this.#generation) this.#publish(view);
  }

  dispose(): void {
    this.#disposed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async #read(probe: boolean): Promise<ChannelsView> {
    const actions = this.#actions();
    if (!this.#options.connected()) return { state: 'offline', channels: [], actions };
    if (!this.#serves('channels.status')) return { state: 'unsupported', channels: [], actions };
    const params = probe ? { probe: true, timeoutMs: PROBE_TIMEOUT_MS } : {};
    const raw = await this.#options.request('channels.status', params, probe ? { timeoutMs: PROBE_TIMEOUT_MS + 5_000 } : undefined);
    return channelsView(parsed('channels.status', channelsStatusResult, raw), actions);
  }

  #publish(view: ChannelsView): void {
    if (this.#disposed) return;
    // The check time changes on every read; only what a person sees counts as a change.
    const key = JSON.stringify({ ...view, checkedAtMs: undefined });
    if (key === this.#last) return;
    this.#last = key;
    this.#options.emit(view);
  }

  async #act(method: string, ref: ChannelAccountRef, read: (raw: unknown) => ActionResult): Promise<ActionResult> {
    if (!this.#options.connected()) return { ok: false, message: 'Start the gateway first.' };
    if (!this.#serves(method)) return { ok: false, message: `This gateway does not serve ${method}.` };
    try {
      const result = read(await this.#options.request(method, { channel: ref.channel, accountId: ref.accountId }));
      this.refreshSoon();
      return result;
    } catch (error) {
      return { ok: false, message: describeFailure(error) };
    }
  }
}

/** A failed config write, as a sentence without the token in it. */
export function configWriteFailure(error: unknown, token: string): string {
  const message = withoutSecret(describeFailure(error), token);
  if (/config changed since last load/i.test(message)) return CONFIG_CONFLICT_MESSAGE;
  if (/^Gatehouse is not connected/.test(message)) return message;
  return `The gateway did not take the token: ${message}`;
}
