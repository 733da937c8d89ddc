import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import type { GatehouseConfig } from '../../../core/config/index.js';
import { normaliseSenderList, type DmPolicy, type GroupPolicy } from '../access-policy.js';
import type { ChannelAccount } from '../channel-plugin.js';
import { resolvedSecretText } from '../../../core/config/secret-refs.js';
import { DEFAULT_WEBHOOK_PREFIX } from '../channel-webhooks.js';
import { DEFAULT_ACCOUNT_ID, defaultChannelAccountId, listChannelAccounts } from '../channel-accounts.js';

export const TELEGRAM_DEFAULT_API_ROOT = 'https://api.telegram.org';

type TelegramBlock = NonNullable<NonNullable<GatehouseConfig['channels']>['telegram']>;
type AccountBlock = NonNullable<TelegramBlock['accounts']>[string];


/** config.md §8: a regular file, no symlink. */
function tokenFromFile(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    if (!lstatSync(path).isFile()) return undefined;
    return resolvedSecretText(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function tokenOf(block: AccountBlock | TelegramBlock, env: Readonly<Record<string, string>> | undefined): { token?: string; source: string } {
  const fromConfig = resolvedSecretText(block.botToken);
  if (fromConfig) return { token: fromConfig, source: 'config' };
  const fromFile = tokenFromFile(block.tokenFile);
  if (fromFile) return { token: fromFile, source: 'tokenFile' };
  // Env tokens apply only to the default account (config.md §8).
  const fromEnv = env ? resolvedSecretText(env.TELEGRAM_BOT_TOKEN) : undefined;
  if (fromEnv) return { token: fromEnv, source: 'env' };
  return { source: 'none' };
}

function accountOf(accountId: string, root: TelegramBlock, own: AccountBlock | undefined, config: GatehouseConfig, env: Readonly<Record<string, string>> | undefined): ChannelAccount {
  const merged = { ...root, ...own } as AccountBlock & { apiRoot?: string; requireMention?: boolean };
  const credential = tokenOf(own ?? root, env);
  const apiRoot = (merged.apiRoot ?? TELEGRAM_DEFAULT_API_ROOT).replace(/\/+$/, '');
  const webhook = webhookOf(accountId, merged);
  const groupAllowFrom = merged.groupAllowFrom === undefined ? undefined : normaliseSenderList(merged.groupAllowFrom);
  return {
    channel: 'telegram',
    accountId,
    enabled: root.enabled !== false && own?.enabled !== false,
    configured: credential.token !== undefined,
    policy: {
      dmPolicy: (merged.dmPolicy ?? 'pairing') as DmPolicy,
      allowFrom: normaliseSenderList(merged.allowFrom),
      groupPolicy: (merged.groupPolicy ?? config.channels?.defaults?.groupPolicy ?? 'allowlist') as GroupPolicy,
      groupAllowFrom,
      requireMention: merged.requireMention ?? true,
    },
    tokenSource: credential.source,
    settings: { token: credential.token, apiRoot, ...webhook },
    // What needs a reconnect: the credential, the server and the mode (policies are read per message).
    fingerprint: createHash('sha256').update([credential.token ?? '', apiRoot, webhook.webhookUrl ?? '', webhook.webhookSecret ?? '', webhook.webhookPath ?? ''].join('\n')).digest('hex'),
  };
}

/**
 * Webhook mode (config.md §8: `webhookUrl` needs `webhookSecret`): the public URL Telegram posts
 * updates to, and the path on the gateway's port that receives them: `webhookPath` when set (a
 * proxy in front maps the public URL's path to it; the schema admits plain path segments only),
 * else the URL's own path (a proxy or tunnel in front keeps it), else `/telegram-webhook`
 * (`/telegram-webhook/<accountId>` for a named account).
 */
function webhookOf(accountId: string, merged: AccountBlock): { webhookUrl?: string; webhookSecret?: string; webhookPath?: string } {
  const webhookUrl = typeof merged.webhookUrl === 'string' && merged.webhookUrl.trim() !== '' ? merged.webhookUrl.trim() : undefined;
  if (!webhookUrl) return {};
  const webhookSecret = resolvedSecretText(merged.webhookSecret);
  let urlPath: string | undefined;
  try {
    urlPath = new URL(webhookUrl).pathname;
  } catch {
    urlPath = undefined;
  }
  const fallback = accountId === DEFAULT_ACCOUNT_ID ? DEFAULT_WEBHOOK_PREFIX : `${DEFAULT_WEBHOOK_PREFIX}/${encodeURIComponent(accountId)}`;
  const configuredPath = typeof merged.webhookPath === 'string' && merged.webhookPath !== '' ? merged.webhookPath : undefined;
  return { webhookUrl, ...(webhookSecret ? { webhookSecret } : {}), webhookPath: configuredPath ?? (urlPath && urlPath !== '/' ? urlPath : fallback) };
}

function rootHasCredential(root: TelegramBlock | undefined): boolean {
  return resolvedSecretText(root?.botToken) !== undefined || root?.tokenFile !== undefined;
}

/** `channels.telegram` (the default account) and `channels.telegram.accounts.<id>`. */
export function listTelegramAccounts(config: GatehouseConfig, env: Readonly<Record<string, string>>): ChannelAccount[] {
  const root = config.channels?.telegram;
  return listChannelAccounts(root, rootHasCredential(root), env, (id, own, accountEnv) => accountOf(id, root!, own, config, accountEnv));
}

export function telegramDefaultAccountId(config: GatehouseConfig): string {
  const root = config.channels?.telegram;
  return defaultChannelAccountId(root, rootHasCredential(root));
}
