import {
  ChannelsLogoutParams,
  ChannelsStartParams,
  ChannelsStatusParams,
  ChannelsStopParams,
  WebLoginStartParams,
  WebLoginWaitParams,
} from '../../../shared/protocol/channels/params.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { ChannelAccount, ChannelPlugin } from './channel-plugin.js';
import type { ChannelsService } from './channels-service.js';

const DEFAULT_PROBE_TIMEOUT_MS = 10_000;
const NO_QR_CHANNEL = 'no QR-linked channel (WhatsApp) is installed on this gateway; Telegram and Discord link with a bot token in channels.<id>';

/** channels.status / start / stop / logout and web.login.* (methods.json, research note §3). */
/** channels.status `probe`: asks the service who the bot is, with the time it took or the reason it failed. */
async function probeAccount(plugin: ChannelPlugin, account: ChannelAccount, timeoutMs: number, now: () => number): Promise<Record<string, unknown>> {
  const started = now();
  try {
    const bot = await plugin.status.identify(account, AbortSignal.timeout(timeoutMs));
    return { ok: true, elapsedMs: now() - started, bot };
  } catch (error) {
    return { ok: false, elapsedMs: now() - started, error: plugin.status.describeError(error) };
  }
}

export function channelsMethods(service: ChannelsService): MethodDefinition[] {
  const { manager, context } = service;
  return [
    defineMethod({
      name: 'channels.status',
      params: ChannelsStatusParams,
      handler: async ({ params }) => {
        const plugins = [...manager.plugins].filter((p) => !params.channel || p.id === params.channel).sort((a, b) => a.meta.order - b.meta.order);
        if (params.probe) {
          const timeoutMs = params.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
          await Promise.all(
            plugins.flatMap((plugin) =>
              manager.accountsOf(plugin.id).filter((account) => account.configured).map(async (account) => {
                const probe = await probeAccount(plugin, account, timeoutMs, context.clock.now);
                manager.status.patch(plugin.id, account.accountId, { probe, lastProbeAt: context.clock.now() });
              }),
            ),
          );
        }
        const channelAccounts = Object.fromEntries(plugins.map((plugin) => [plugin.id, manager.status.byChannel(plugin.id)]));
        return {
          ts: context.clock.now(),
          channelOrder: plugins.map((p) => p.id),
          channelLabels: Object.fromEntries(plugins.map((p) => [p.id, p.meta.label])),
          channelDetailLabels: Object.fromEntries(plugins.map((p) => [p.id, p.meta.detailLabel])),
          channelMeta: plugins.map((p) => ({ id: p.id, label: p.meta.label, detailLabel: p.meta.detailLabel })),
          channels: Object.fromEntries(
            plugins.map((p) => {
              const accounts = channelAccounts[p.id] ?? [];
              return [p.id, { configured: accounts.some((a) => a.configured), running: accounts.some((a) => a.running), connected: accounts.some((a) => a.connected) }];
            }),
          ),
          channelAccounts,
          channelDefaultAccountId: Object.fromEntries(plugins.map((p) => [p.id, service.defaultAccountId(p.id)])),
        };
      },
    }),
    defineMethod({
      name: 'channels.start',
      params: ChannelsStartParams,
      handler: ({ params }) => {
        const { account } = service.requireAccount(params.channel, params.accountId);
        const outcome = manager.start(account);
        return { channel: account.channel, accountId: account.accountId, started: outcome.started, outcome: { status: outcome.status, ...(outcome.reason ? { reason: outcome.reason } : {}) } };
      },
    }),
    defineMethod({
      name: 'channels.stop',
      params: ChannelsStopParams,
      handler: async ({ params }) => {
        const { account } = service.requireAccount(params.channel, params.accountId);
        const stopped = await manager.stop(account);
        return { channel: account.channel, accountId: account.accountId, stopped };
      },
    }),
    defineMethod({
      name: 'channels.logout',
      params: ChannelsLogoutParams,
      handler: async ({ params }) => {
        const { plugin, account } = service.requireAccount(params.channel, params.accountId);
        await manager.stop(account, 'logged-out');
        const cleared = service.inbox.clear(account.channel, account.accountId);
        const stays = `the bot token stays in channels.${plugin.id} (remove it with config.patch to unlink the bot)`;
        // The account is stopped and its inbox cleared either way; what the channel could not undo is said.
        const result = await (plugin.gateway.logout?.(account) ?? Promise.resolve({ cleared: false, message: `stopped; ${stays}` })).catch((error: unknown) => ({
          cleared: false,
          message: `stopped, but ${plugin.meta.label} could not be told (${plugin.status.describeError(error)}); ${stays}`,
        }));
        return { channel: account.channel, accountId: account.accountId, cleared: cleared || result.cleared, loggedOut: true, message: result.message };
      },
    }),
    defineMethod({
      name: 'web.login.start',
      params: WebLoginStartParams,
      handler: () => ({ message: NO_QR_CHANNEL }),
    }),
    defineMethod({
      name: 'web.login.wait',
      params: WebLoginWaitParams,
      handler: () => ({ connected: false, message: NO_QR_CHANNEL }),
    }),
  ];
}
