import type { GatehouseConfig } from '../../core/config/index.js';
import { AccountStatusBoard, type AccountStatusPatch } from './account-status.js';
import type { ChannelInboxRepository } from './channel-inbox-repository.js';
import type { ChannelWebhooks } from './channel-webhooks.js';
import { ChannelAccountError, type ChannelAccount, type ChannelAccountContext, type ChannelLog, type ChannelPlugin, type InboundMessage } from './channel-plugin.js';
import { inboundQueue } from './inbound-queue.js';
import { retryDelayMs } from './retry-delay.js';

const STOP_GRACE_MS = 5_000;

interface RunningAccount {
  readonly account: ChannelAccount;
  readonly controller: AbortController;
  task: Promise<void> | undefined;
  restartTimer: NodeJS.Timeout | undefined;
  attempts: number;
}

export interface ChannelManagerOptions {
  readonly plugins: readonly ChannelPlugin[];
  readonly inbox: ChannelInboxRepository;
  readonly webhooks: ChannelWebhooks;
  readonly log: ChannelLog;
  readonly now: () => number;
  readonly handleInbound: (account: ChannelAccount, message: InboundMessage, signal: AbortSignal) => Promise<void>;
}

const keyOf = (channel: string, accountId: string) => `${channel}\u0000${accountId}`;

/**
 * Starts every enabled, configured account, one AbortController each (research note §3,
 * OpenClaw src/gateway/server-channels.ts); restarts a failed one with exponential back-off (not a
 * fatal failure such as a revoked token: that waits for a config change or channels.start); and
 * applies config changes without a gateway restart by reconciling what runs with what is configured.
 */
export class ChannelManager {
  readonly status = new AccountStatusBoard();
  private accounts = new Map<string, ChannelAccount>();
  private readonly running = new Map<string, RunningAccount>();
  /** Stopped by an operator (channels.stop / logout): not started again until channels.start. */
  private readonly held = new Set<string>();
  /** Failed fatally with this fingerprint: retried only once the account's config changes. */
  private readonly failedFatally = new Map<string, string>();
  private closed = false;

  constructor(private readonly options: ChannelManagerOptions) {}

  get plugins(): readonly ChannelPlugin[] {
    return this.options.plugins;
  }

  plugin(channel: string): ChannelPlugin | undefined {
    return this.options.plugins.find((plugin) => plugin.id === channel);
  }

  account(channel: string, accountId: string): ChannelAccount | undefined {
    return this.accounts.get(keyOf(channel, accountId));
  }

  accountsOf(channel: string): ChannelAccount[] {
    return [...this.accounts.values()].filter((account) => account.channel === channel);
  }

  /** Brings the running accounts in line with `config` (start-up and every config change). */
  async reconcile(config: GatehouseConfig, env: Readonly<Record<string, string>>): Promise<void> {
    if (this.closed) return;
    const next = new Map<string, ChannelAccount>();
    for (const plugin of this.options.plugins) for (const account of plugin.config.listAccounts(config, env)) next.set(keyOf(account.channel, account.accountId), account);
    const stops: Promise<void>[] = [];
    for (const [key, run] of this.running) {
      const wanted = next.get(key);
      if (!wanted || wanted.fingerprint !== run.account.fingerprint || !this.wanted(wanted)) stops.push(this.stopKey(key));
    }
    await Promise.all(stops);
    for (const key of this.accounts.keys()) {
      if (!next.has(key)) {
        const [channel, accountId] = key.split('\u0000') as [string, string];
        this.status.forget(channel, accountId);
      }
    }
    this.accounts = next;
    for (const [key, account] of next) {
      this.status.track(account);
      const failedWith = this.failedFatally.get(key);
      if (failedWith !== undefined && failedWith !== account.fingerprint) this.failedFatally.delete(key);
      if (!this.running.has(key) && this.wanted(account) && !this.failedFatally.has(key)) this.launch(account);
    }
  }

  /** channels.start: clears an operator stop or a fatal failure and starts the account. */
  start(account: ChannelAccount): { started: boolean; status: string; reason?: string } {
    const key = keyOf(account.channel, account.accountId);
    this.held.delete(key);
    this.failedFatally.delete(key);
    if (this.running.has(key)) return { started: false, status: 'already-running' };
    if (!account.enabled) return { started: false, status: 'disabled', reason: `channels.${account.channel} account ${account.accountId} has enabled: false` };
    if (!account.configured) return { started: false, status: 'not-configured', reason: `channels.${account.channel} account ${account.accountId} has no token` };
    this.launch(account);
    return { started: true, status: 'started' };
  }

  /** channels.stop / logout: stops the account and keeps it stopped. */
  async stop(account: ChannelAccount, healthState = 'stopped'): Promise<boolean> {
    const key = keyOf(account.channel, account.accountId);
    this.held.add(key);
    const wasRunning = this.running.has(key);
    await this.stopKey(key);
    this.status.patch(account.channel, account.accountId, { healthState });
    return wasRunning;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.running.keys()].map((key) => this.stopKey(key)));
  }

  private wanted(account: ChannelAccount): boolean {
    return account.enabled && account.configured && !this.held.has(keyOf(account.channel, account.accountId));
  }

  private launch(account: ChannelAccount, attempts = 0): void {
    const plugin = this.plugin(account.channel);
    if (!plugin || this.closed) return;
    const key = keyOf(account.channel, account.accountId);
    const run: RunningAccount = { account, controller: new AbortController(), task: undefined, restartTimer: undefined, attempts };
    this.running.set(key, run);
    const { channel, accountId } = account;
    this.status.patch(channel, accountId, { running: true, connected: false, healthState: 'connecting', lastStartAt: this.options.now(), reconnectAttempts: attempts });
    const inbox = this.options.inbox.forAccount(channel, accountId);
    const setStatus = (patch: AccountStatusPatch) => {
      if (run.controller.signal.aborted) return;
      if (patch.connected === true) run.attempts = 0;
      this.status.patch(channel, accountId, patch.connected === true ? { ...patch, reconnectAttempts: 0 } : patch);
    };
    // The current account: access policies apply from the next message, without a reconnect.
    const handleInbound = (message: InboundMessage) => this.options.handleInbound(this.accounts.get(key) ?? account, message, run.controller.signal);
    const context: ChannelAccountContext = {
      account,
      abortSignal: run.controller.signal,
      log: this.options.log,
      inbox,
      webhooks: this.options.webhooks,
      setStatus,
      handleInbound,
      dispatch: inboundQueue({ channel, accountId, inbox, abortSignal: run.controller.signal, log: this.options.log, setStatus, handleInbound }),
    };
    run.task = plugin.gateway
      .start(context)
      .then(() => {
        if (!run.controller.signal.aborted) throw new ChannelAccountError('the connection ended unexpectedly', 'error', false);
      })
      .catch((error: unknown) => this.failed(run, error));
  }

  private failed(run: RunningAccount, error: unknown): void {
    if (run.controller.signal.aborted) return;
    const { channel, accountId } = run.account;
    const key = keyOf(channel, accountId);
    const failure = error instanceof ChannelAccountError ? error : new ChannelAccountError(error instanceof Error ? error.message : String(error), 'error', false);
    this.options.log.warn({ channel, accountId, state: failure.state, fatal: failure.fatal, error: failure.message }, 'channel account failed');
    run.controller.abort();
    this.running.delete(key);
    if (failure.fatal) {
      this.failedFatally.set(key, run.account.fingerprint);
      this.status.patch(channel, accountId, { running: false, connected: false, healthState: failure.state, lastError: failure.message, lastStopAt: this.options.now() });
      return;
    }
    const attempts = run.attempts + 1;
    const delay = retryDelayMs(attempts, failure.retryAfterMs);
    this.status.patch(channel, accountId, { running: true, connected: false, healthState: failure.state === 'rate-limited' ? 'rate-limited' : 'backoff', lastError: failure.message, reconnectAttempts: attempts });
    // Held in `running` so a stop during the back-off cancels the restart.
    const waiting: RunningAccount = { ...run, controller: new AbortController(), task: undefined, attempts };
    waiting.restartTimer = setTimeout(() => {
      if (this.running.get(key) !== waiting) return;
      this.running.delete(key);
      const current = this.accounts.get(key);
      if (current && this.wanted(current)) this.launch(current, attempts);
    }, delay);
    waiting.restartTimer.unref();
    this.running.set(key, waiting);
  }

  private async stopKey(key: string): Promise<void> {
    const run = this.running.get(key);
    if (!run) return;
    this.running.delete(key);
    if (run.restartTimer) clearTimeout(run.restartTimer);
    run.controller.abort();
    if (run.task) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([run.task, new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(timer);
    }
    this.status.patch(run.account.channel, run.account.accountId, { running: false, connected: false, healthState: 'stopped', lastStopAt: this.options.now() });
  }
}
