import type { RateLimitData, REST } from '@discordjs/rest';
import { ChannelAccountError, type ChannelAccount } from '../channel-plugin.js';
import { DISCORD_DEFAULT_API_ROOT } from './discord-accounts.js';

// @discordjs/rest (and with it undici) is loaded on first use — a Discord account starting or
// sending — never at gateway start-up.

type DiscordRestModule = typeof import('@discordjs/rest');
let restModule: Promise<DiscordRestModule> | undefined;

export function loadDiscordRest(): Promise<DiscordRestModule> {
  restModule ??= import('@discordjs/rest');
  return restModule;
}

/** A 429 wait longer than this fails the call (status shows it) instead of holding a send for minutes. */
export const MAX_RATE_LIMIT_WAIT_MS = 30_000;

/** Clients by server and token, as promises: calls made while the first one is being built share it (and its limits). */
const clients = new Map<string, Promise<REST>>();
type RateLimitListener = (limit: RateLimitData) => void;
const rateLimitListeners = new WeakMap<REST, Set<RateLimitListener>>();

/**
 * Calls `listener` on every rate limit the client meets: a 429 it answers by waiting (the REST
 * client emits no event for those, it only asks `rejectOnRateLimit`) and a bucket it waits out
 * before sending (its `rateLimited` event). Returns the unsubscribe.
 */
export function watchRateLimits(rest: REST, listener: RateLimitListener): () => void {
  const listeners = rateLimitListeners.get(rest);
  listeners?.add(listener);
  rest.on('rateLimited', listener);
  return () => {
    listeners?.delete(listener);
    rest.off('rateLimited', listener);
  };
}

function apiRootOf(account: ChannelAccount): string {
  return account.settings.apiRoot ?? DISCORD_DEFAULT_API_ROOT;
}

function clientKey(account: ChannelAccount): string {
  return `${apiRootOf(account)}\n${account.settings.token ?? ''}`;
}

/**
 * One REST client per token and server (it keeps Discord's rate-limit buckets and its share of
 * the global 50 calls a second); the token never leaves this map. Calls made while a token's
 * client is being built wait for that one: a client each would give each a budget of its own.
 */
export function discordRest(account: ChannelAccount): Promise<REST> {
  const token = account.settings.token;
  if (!token) return Promise.reject(new ChannelAccountError(`discord account ${account.accountId} has no bot token`, 'not-configured', true));
  const key = clientKey(account);
  let client = clients.get(key);
  if (!client) {
    const building = newClient(apiRootOf(account), token);
    clients.set(key, building);
    // A client that could not be built is not kept: the next call tries again.
    building.catch(() => {
      if (clients.get(key) === building) clients.delete(key);
    });
    client = building;
  }
  return client;
}

async function newClient(apiRoot: string, token: string): Promise<REST> {
  const { REST: RestClient } = await loadDiscordRest();
  const listeners = new Set<RateLimitListener>();
  const rest = new RestClient({
    api: `${apiRoot}/api`,
    version: '10',
    // The client waits out 429s itself (retry_after); a wait longer than this is refused instead.
    rejectOnRateLimit: (limit) => {
      for (const listener of listeners) listener(limit);
      return limit.retryAfter > MAX_RATE_LIMIT_WAIT_MS;
    },
  }).setToken(token);
  rateLimitListeners.set(rest, listeners);
  return rest;
}

/** Drops the cached client of a token (it was rejected: a new token makes a new client). */
export function forgetDiscordRest(account: ChannelAccount): void {
  clients.delete(clientKey(account));
}

/** Discord's answer to a failed call (status, JSON error code), or undefined for a network failure. */
export function discordErrorOf(error: unknown): { status: number; code?: number; message: string; retryAfterMs?: number } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const fields = error as { name?: unknown; status?: unknown; code?: unknown; message?: unknown; retryAfter?: unknown };
  const message = typeof fields.message === 'string' ? fields.message : 'error';
  // RateLimitError (rejectOnRateLimit): no HTTP status on it.
  if (fields.name === 'RateLimitError' && typeof fields.retryAfter === 'number') return { status: 429, message, retryAfterMs: fields.retryAfter };
  if (typeof fields.status !== 'number') return undefined;
  return { status: fields.status, ...(typeof fields.code === 'number' ? { code: fields.code } : {}), message };
}

/** What a failed call at start-up means for the account; messages say what to do. */
export function classifyDiscordError(error: unknown): ChannelAccountError {
  if (error instanceof ChannelAccountError) return error;
  const discord = discordErrorOf(error);
  if (!discord) {
    const reason = error instanceof Error ? error.message : String(error);
    return new ChannelAccountError(`network error talking to Discord: ${reason}`, 'network', false);
  }
  if (discord.status === 401) return unauthorized(`401 ${discord.message}`);
  if (discord.status === 429) {
    const seconds = Math.ceil((discord.retryAfterMs ?? 1000) / 1000);
    return new ChannelAccountError(`rate limited by Discord (429): retrying after ${seconds} s`, 'rate-limited', false, discord.retryAfterMs ?? 1000);
  }
  return new ChannelAccountError(`Discord answered ${discord.status}: ${discord.message}`, 'error', false);
}

export function unauthorized(detail: string): ChannelAccountError {
  return new ChannelAccountError(
    `Discord rejected the bot token (${detail}): it was reset or mistyped; set a new channels.discord.token (Developer Portal → Bot → Reset Token)`,
    'unauthorized',
    true,
  );
}
