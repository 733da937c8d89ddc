import type { Api } from 'grammy';
import { ChannelAccountError, type ChannelAccount } from '../channel-plugin.js';

// grammY is loaded on first use (a Telegram account starting or sending), never at gateway start-up.

type Grammy = typeof import('grammy');
let grammy: Promise<Grammy> | undefined;

export function loadGrammy(): Promise<Grammy> {
  grammy ??= import('grammy');
  return grammy;
}

const apis = new Map<string, Api>();

/** grammY types its `fetch` option as node-fetch's; it calls it with a URL string and reads `json()`. */
type GrammyFetch = NonNullable<NonNullable<ConstructorParameters<typeof import('grammy').Api>[1]>['fetch']>;

/** grammY types its signals with the abort-controller shim; Node's AbortSignal is what it gets at run time. */
export type GrammySignal = Parameters<Api['getMe']>[0];
export function grammySignal(signal: AbortSignal): GrammySignal {
  return signal as unknown as GrammySignal;
}

/** One grammY Api per token and server; the token never leaves this map. */
export async function telegramApi(account: ChannelAccount): Promise<Api> {
  const token = account.settings.token;
  if (!token) throw new ChannelAccountError(`telegram account ${account.accountId} has no bot token`, 'not-configured', true);
  const apiRoot = account.settings.apiRoot ?? 'https://api.telegram.org';
  const key = `${apiRoot}\n${token}`;
  const existing = apis.get(key);
  if (existing) return existing;
  const [{ Api: GrammyApi }, { botApiFetch }] = await Promise.all([loadGrammy(), import('./telegram-http.js')]);
  // 60 s covers a 30 s long poll plus a slow network; a send that hangs longer is failed.
  // Calls go through undici's request(), not grammY's node-fetch (telegram-http.ts says why).
  const api = new GrammyApi(token, { apiRoot, timeoutSeconds: 60, fetch: botApiFetch as unknown as GrammyFetch });
  apis.set(key, api);
  return api;
}

interface TelegramErrorFields {
  error_code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
}

/** Telegram's answer to a failed call, or undefined for a network failure. */
export function telegramErrorOf(error: unknown): { code: number; description: string; retryAfterMs?: number } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const fields = error as TelegramErrorFields;
  if (typeof fields.error_code !== 'number') return undefined;
  const retryAfter = fields.parameters?.retry_after;
  return {
    code: fields.error_code,
    description: typeof fields.description === 'string' ? fields.description : `error ${fields.error_code}`,
    ...(typeof retryAfter === 'number' ? { retryAfterMs: retryAfter * 1000 } : {}),
  };
}

/**
 * What a failed call means for the account: a revoked token is fatal (retrying cannot heal it),
 * 429 waits `retry_after`, anything else is retried with back-off. Messages say what to do.
 */
export function classifyTelegramError(error: unknown): ChannelAccountError {
  const telegram = telegramErrorOf(error);
  if (!telegram) {
    const reason = error instanceof Error ? error.message : String(error);
    return new ChannelAccountError(`network error talking to Telegram: ${reason}`, 'network', false);
  }
  const { code, description } = telegram;
  if (code === 401 || code === 404) {
    return new ChannelAccountError(
      `Telegram rejected the bot token (${code} ${description}): it was revoked or mistyped; set a new channels.telegram.botToken (from @BotFather)`,
      'unauthorized',
      true,
    );
  }
  if (code === 429) {
    const seconds = Math.ceil((telegram.retryAfterMs ?? 1000) / 1000);
    return new ChannelAccountError(`rate limited by Telegram (429): retrying after ${seconds} s`, 'rate-limited', false, telegram.retryAfterMs ?? 1000);
  }
  if (code === 409) {
    return new ChannelAccountError(`another client is polling this bot or a webhook is set (409 ${description})`, 'conflict', false);
  }
  return new ChannelAccountError(`Telegram answered ${code}: ${description}`, 'error', false);
}
