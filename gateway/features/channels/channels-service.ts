import { invalidRequest } from '../../../shared/protocol/error-codes.js';
import type { FeatureContext } from '../../composition/feature-context.js';
import { ChannelInboxRepository } from './channel-inbox-repository.js';
import { ChannelManager } from './channel-manager.js';
import { ChannelWebhooks } from './channel-webhooks.js';
import type { ChannelAccount, ChannelPlugin } from './channel-plugin.js';
import { InboundDispatcher } from './inbound-dispatcher.js';
import { LastRoutesRepository } from './last-routes-repository.js';
import { SenderPairing } from './sender-pairing.js';

const PAIRING_SWEEP_INTERVAL_MS = 60_000;

export type ChannelsContext = Pick<FeatureContext, 'config' | 'turns' | 'agents' | 'store' | 'events' | 'logger' | 'clock' | 'database' | 'replySpeech'>;

/** The feature's parts, built once: the manager, the inbound path, pairing and the last routes. */
export class ChannelsService {
  readonly manager: ChannelManager;
  readonly pairing: SenderPairing;
  readonly lastRoutes: LastRoutesRepository;
  readonly inbox: ChannelInboxRepository;
  readonly webhooks = new ChannelWebhooks();
  private readonly dispatcher: InboundDispatcher;
  private unsubscribe: (() => void) | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly context: ChannelsContext,
    plugins: readonly ChannelPlugin[],
  ) {
    this.pairing = new SenderPairing(context.database, context.clock.now);
    this.pairing.onResolved = (request, decision, by) =>
      context.events.broadcast('channels.pairing.resolved', {
        requestId: request.code,
        channel: request.channel,
        accountId: request.accountId,
        senderId: request.senderId,
        decision,
        resolvedAt: new Date(context.clock.now()).toISOString(),
        ...(by ? { resolvedBy: by } : {}),
      });
    this.lastRoutes = new LastRoutesRepository(context.database);
    this.inbox = new ChannelInboxRepository(context.database);
    this.manager = new ChannelManager({
      plugins,
      inbox: this.inbox,
      webhooks: this.webhooks,
      log: context.logger,
      now: context.clock.now,
      handleInbound: (account, message, signal) => this.dispatcher.handle(account, message, signal),
    });
    this.dispatcher = new InboundDispatcher({
      context,
      pairing: this.pairing,
      lastRoutes: this.lastRoutes,
      status: this.manager.status,
      plugin: (channel) => this.manager.plugin(channel),
      defaultAccountId: (channel) => this.defaultAccountId(channel),
    });
  }

  async start(): Promise<void> {
    // Expired pairing requests are announced (channels.pairing.resolved) within a minute of expiring.
    this.sweepTimer = setInterval(() => this.pairing.sweepExpired(), PAIRING_SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
    // GATEHOUSE_SKIP_CHANNELS=1 (config.md §1.1): no channel transports.
    if (this.context.config.env.GATEHOUSE_SKIP_CHANNELS === '1' || this.context.config.env.OPENCLAW_SKIP_CHANNELS === '1') return;
    this.unsubscribe = this.context.config.subscribe(({ next, changedPaths }) => {
      if (!changedPaths.some((path) => path === 'channels' || path.startsWith('channels.'))) return;
      this.manager.reconcile(next.config, next.env).catch((error: unknown) => this.context.logger.error({ error: String(error) }, 'applying the channel config failed'));
    });
    const loaded = this.context.config.current();
    await this.manager.reconcile(loaded.config, loaded.env);
  }

  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.unsubscribe?.();
    await this.manager.close();
    this.lastRoutes.flush();
  }

  defaultAccountId(channel: string): string {
    const plugin = this.manager.plugin(channel);
    return plugin ? plugin.config.defaultAccountId(this.context.config.current().config) : 'default';
  }

  /** The webhook paths the config names now (the listener reads its routes once, at start). */
  configuredWebhookPaths(): string[] {
    const { config, env } = this.context.config.current();
    return this.manager.plugins.flatMap((plugin) => plugin.config.listAccounts(config, env).flatMap((account) => (account.settings.webhookPath ? [account.settings.webhookPath] : [])));
  }

  /** The channels with at least one account in the config. */
  configuredChannels(): ChannelPlugin[] {
    return this.manager.plugins.filter((plugin) => this.manager.accountsOf(plugin.id).length > 0);
  }

  /** A known channel, else a clear INVALID_REQUEST. */
  requirePlugin(channel: string): ChannelPlugin {
    const plugin = this.manager.plugin(channel.toLowerCase());
    if (!plugin) throw invalidRequest(`unknown channel: ${channel} (available: ${this.manager.plugins.map((p) => p.id).join(', ')})`, { channel });
    return plugin;
  }

  /** A configured account of a known channel; `accountId` defaults to the channel's default account. */
  requireAccount(channel: string, accountId?: string): { plugin: ChannelPlugin; account: ChannelAccount } {
    const plugin = this.requirePlugin(channel);
    const id = accountId && accountId.length > 0 ? accountId : this.defaultAccountId(plugin.id);
    const account = this.manager.account(plugin.id, id);
    if (!account) {
      const known = this.manager.accountsOf(plugin.id).map((a) => a.accountId);
      throw invalidRequest(`unknown ${plugin.id} account: ${id} (${known.length > 0 ? `configured: ${known.join(', ')}` : `add a channels.${plugin.id} block to the config`})`, { channel: plugin.id, accountId: id });
    }
    return { plugin, account };
  }

  /** `send`/`poll` without `channel`: the only configured channel, else a clear error. */
  channelFor(channel: string | undefined): string {
    if (channel) return channel;
    const configured = this.configuredChannels();
    if (configured.length === 1) return configured[0]!.id;
    throw invalidRequest(
      configured.length === 0 ? 'no chat channel is configured: add a bot token under channels.telegram (botToken) or channels.discord (token) in the config' : `more than one channel is configured (${configured.map((p) => p.id).join(', ')}): name one in "channel"`,
    );
  }
}
