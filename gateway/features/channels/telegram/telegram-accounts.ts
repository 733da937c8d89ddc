import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import type { GatehouseConfig } from '../../../core/config/index.js';
import { normaliseSenderList, type DmPolicy, type GroupPolicy } from '../access-policy.js';
import type { ChannelAccount } from '../channel-plugin.js';
import { resolvedSecretText } from '../../../core/config/secret-refs.js';

export const TELEGRAM_DEFAULT_API_ROOT = 'https://api.telegram.org';
export const DEFAULT_ACCOUNT_ID = 'default';

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
    settings: { token: credential.token, apiRoot },
    // What needs a reconnect: the credential and the server (policies are read per message).
    fingerprint: createHash('sha256').update(`${credential.token ?? ''}\n${apiRoot}`).digest('hex'),
  };
}

/** `channels.telegram` (the default account) and `channels.telegram.accounts.<id>`. */
export function listTelegramAccounts(config: GatehouseConfig, env: Readonly<Record<string, string>>): ChannelAccount[] {
  const root = config.channels?.telegram;
  if (!root) return [];
  const named = Object.entries(root.accounts ?? {});
  const accounts = named.map(([id, block]) => accountOf(id, root, block, config, id === DEFAULT_ACCOUNT_ID ? env : undefined));
  const rootHasToken = resolvedSecretText(root.botToken) !== undefined || root.tokenFile !== undefined;
  if (!named.some(([id]) => id === DEFAULT_ACCOUNT_ID) && (named.length === 0 || rootHasToken)) {
    accounts.unshift(accountOf(DEFAULT_ACCOUNT_ID, root, undefined, config, env));
  }
  return accounts;
}

export function telegramDefaultAccountId(config: GatehouseConfig): string {
  const root = config.channels?.telegram;
  if (root?.defaultAccount) return root.defaultAccount;
  const named = Object.keys(root?.accounts ?? {});
  const rootHasToken = resolvedSecretText(root?.botToken) !== undefined || root?.tokenFile !== undefined;
  return named.length === 0 || rootHasToken || named.includes(DEFAULT_ACCOUNT_ID) ? DEFAULT_ACCOUNT_ID : (named[0] ?? DEFAULT_ACCOUNT_ID);
}
