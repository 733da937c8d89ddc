import type { ChannelAccount } from './channel-plugin.js';

export const DEFAULT_ACCOUNT_ID = 'default';

/** What a channel block looks like to the account listing: `accounts.<id>` and `defaultAccount`. */
interface ChannelBlock<A> {
  readonly accounts?: Readonly<Record<string, A>>;
  readonly defaultAccount?: string;
}

/**
 * The accounts of one channel block (config.md §8): each `accounts.<id>`, plus the root block as
 * the `default` account when there are no named accounts or the root has a credential of its own.
 * `build` gets the env only for the default account (env tokens apply to it alone).
 */
export function listChannelAccounts<A>(
  root: ChannelBlock<A> | undefined,
  rootHasCredential: boolean,
  env: Readonly<Record<string, string>>,
  build: (accountId: string, own: A | undefined, env: Readonly<Record<string, string>> | undefined) => ChannelAccount,
): ChannelAccount[] {
  if (!root) return [];
  const named = Object.entries(root.accounts ?? {});
  const accounts = named.map(([id, block]) => build(id, block, id === DEFAULT_ACCOUNT_ID ? env : undefined));
  if (!named.some(([id]) => id === DEFAULT_ACCOUNT_ID) && (named.length === 0 || rootHasCredential)) {
    accounts.unshift(build(DEFAULT_ACCOUNT_ID, undefined, env));
  }
  return accounts;
}

/** `defaultAccount`, else `default` when it exists, else the first named account. */
export function defaultChannelAccountId<A>(root: ChannelBlock<A> | undefined, rootHasCredential: boolean): string {
  if (root?.defaultAccount) return root.defaultAccount;
  const named = Object.keys(root?.accounts ?? {});
  return named.length === 0 || rootHasCredential || named.includes(DEFAULT_ACCOUNT_ID) ? DEFAULT_ACCOUNT_ID : (named[0] ?? DEFAULT_ACCOUNT_ID);
}
