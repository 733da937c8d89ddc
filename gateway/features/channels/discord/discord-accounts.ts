import { createHash } from 'node:crypto';
import type { GatehouseConfig } from '../../../core/config/index.js';
import { normaliseSenderList, type DmPolicy, type GroupPolicy, type GroupRule } from '../access-policy.js';
import type { ChannelAccount } from '../channel-plugin.js';
import { resolvedSecretText } from '../../../core/config/secret-refs.js';
import { defaultChannelAccountId, listChannelAccounts } from '../channel-accounts.js';

export const DISCORD_DEFAULT_API_ROOT = 'https://discord.com';

type DiscordBlock = NonNullable<NonNullable<GatehouseConfig['channels']>['discord']>;
type AccountBlock = NonNullable<DiscordBlock['accounts']>[string];
type GuildsBlock = NonNullable<DiscordBlock['guilds']>;


/**
 * `guilds.<guildId>` as the shared access code's group rules: a guild with no `channels` admits
 * every channel in it; one with `channels` admits only those (the guild's own rule then refuses).
 */
export function groupRulesOf(guilds: GuildsBlock | undefined): Record<string, GroupRule> | undefined {
  if (!guilds) return undefined;
  const rules: Record<string, GroupRule> = {};
  for (const [guildId, guild] of Object.entries(guilds)) {
    const users = guild.users === undefined ? undefined : normaliseSenderList(guild.users);
    const channels = Object.entries(guild.channels ?? {});
    rules[guildId] = {
      allow: channels.length === 0,
      ...(guild.requireMention !== undefined ? { requireMention: guild.requireMention } : {}),
      ...(users ? { users } : {}),
    };
    for (const [channelId, channel] of channels) {
      const channelUsers = channel.users === undefined ? users : normaliseSenderList(channel.users);
      const requireMention = channel.requireMention ?? guild.requireMention;
      rules[channelId] = {
        allow: channel.allow !== false,
        ...(requireMention !== undefined ? { requireMention } : {}),
        ...(channelUsers ? { users: channelUsers } : {}),
      };
    }
  }
  return rules;
}

function accountOf(accountId: string, root: DiscordBlock, own: AccountBlock | undefined, config: GatehouseConfig, env: Readonly<Record<string, string>> | undefined): ChannelAccount {
  const merged = { ...root, ...own };
  const fromConfig = resolvedSecretText((own ?? root).token);
  // Env tokens apply only to the default account (config.md §8).
  const fromEnv = !fromConfig && env ? resolvedSecretText(env.DISCORD_BOT_TOKEN) : undefined;
  const token = fromConfig ?? fromEnv;
  const apiRoot = (merged.apiRoot ?? DISCORD_DEFAULT_API_ROOT).replace(/\/+$/, '');
  const groupAllowFrom = merged.groupAllowFrom === undefined ? undefined : normaliseSenderList(merged.groupAllowFrom);
  const groupRules = groupRulesOf(merged.guilds);
  return {
    channel: 'discord',
    accountId,
    enabled: root.enabled !== false && own?.enabled !== false,
    configured: token !== undefined,
    policy: {
      // The legacy `dm` block (OpenClaw's older Discord keys) applies when the new keys are unset.
      dmPolicy: (merged.dm?.enabled === false ? 'disabled' : (merged.dmPolicy ?? merged.dm?.policy ?? 'pairing')) as DmPolicy,
      allowFrom: normaliseSenderList(merged.allowFrom ?? merged.dm?.allowFrom),
      groupPolicy: (merged.groupPolicy ?? config.channels?.defaults?.groupPolicy ?? 'allowlist') as GroupPolicy,
      groupAllowFrom,
      requireMention: merged.requireMention ?? true,
      ...(groupRules ? { groupRules } : {}),
    },
    tokenSource: fromConfig ? 'config' : fromEnv ? 'env' : 'none',
    settings: { token, apiRoot },
    // What needs a reconnect: the credential and the server (policies are read per message).
    fingerprint: createHash('sha256').update(`${token ?? ''}\n${apiRoot}`).digest('hex'),
  };
}

function rootHasCredential(root: DiscordBlock | undefined): boolean {
  return resolvedSecretText(root?.token) !== undefined;
}

/** `channels.discord` (the default account) and `channels.discord.accounts.<id>`. */
export function listDiscordAccounts(config: GatehouseConfig, env: Readonly<Record<string, string>>): ChannelAccount[] {
  const root = config.channels?.discord;
  return listChannelAccounts(root, rootHasCredential(root), env, (id, own, accountEnv) => accountOf(id, root!, own, config, accountEnv));
}

export function discordDefaultAccountId(config: GatehouseConfig): string {
  const root = config.channels?.discord;
  return defaultChannelAccountId(root, rootHasCredential(root));
}
