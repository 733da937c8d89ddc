import type { RateLimitData } from '@discordjs/rest';
import type { SessionInfo } from '@discordjs/ws';
import type { APIUser, GatewayDispatchPayload } from 'discord-api-types/v10';
import { ChannelAccountError, type ChannelAccountContext } from '../channel-plugin.js';
import { fetchMissedMessages } from './discord-catch-up.js';
import { advanceChannel, parseDiscordCursor, serialiseDiscordCursor } from './discord-cursor.js';
import { discordImage } from './discord-files.js';
import { inboundFromDiscordMessage, type DiscordBotIdentity, type DiscordMessage } from './discord-messages.js';
import { classifyDiscordError, discordRest, forgetDiscordRest, unauthorized, watchRateLimits } from './discord-rest.js';

/** GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT (privileged: enabled in the Developer Portal). */
export const DISCORD_INTENTS = (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15);

/** Not a session-close code of Discord's: it keeps the session resumable (1000/1001 would end it). */
const CLOSE_KEEPING_SESSION = 4200;

/** Close codes after which @discordjs/ws gives up (it does not reconnect): the account fails with the reason. */
function fatalClose(code: number): ChannelAccountError | undefined {
  switch (code) {
    case 4004:
      return unauthorized('gateway close code 4004, authentication failed');
    case 4013:
    case 4014:
      return new ChannelAccountError(
        `Discord refused the gateway intents (close code ${code}): turn on "Message Content Intent" for the bot in the Developer Portal (Bot → Privileged Gateway Intents)`,
        'intents-disallowed',
        true,
      );
    case 4010:
    case 4011:
    case 4012:
      return new ChannelAccountError(`Discord closed the gateway with code ${code} (sharding or API version): this gateway runs one shard on API v10`, 'error', true);
    default:
      return undefined;
  }
}

/**
 * One Discord account on the gateway WebSocket (@discordjs/ws, which heartbeats, reconnects and
 * RESUMEs on its own). Each received message is written to the inbox with the cursor (session +
 * its channel's last id, discord-cursor.ts) before it is handled, so it is handled once: a RESUME's replay and a REST
 * catch-up both hit the inbox's duplicate check. Messages of one chat run in order (dispatch).
 */
export async function runDiscordAccount(context: ChannelAccountContext): Promise<void> {
  const { account, abortSignal, inbox, log } = context;
  const where = { channel: 'discord', accountId: account.accountId };
  const rest = await discordRest(account);
  let me: DiscordBotIdentity;
  try {
    const user = (await rest.get('/users/@me', { signal: abortSignal })) as APIUser;
    me = { id: user.id, username: user.username };
  } catch (error) {
    if (abortSignal.aborted) return;
    const failure = classifyDiscordError(error);
    if (failure.state === 'unauthorized') forgetDiscordRest(account);
    throw failure;
  }

  const cursor = parseDiscordCursor(inbox.cursor(), inbox.chatCursors());
  /** Channel moves not written yet: those made by the bot's own messages only (see receive). */
  const unsaved = new Map<string, string | null>();
  const persistCursor = () => {
    inbox.accept([], serialiseDiscordCursor(cursor), unsaved);
    unsaved.clear();
  };
  const handle = (payload: DiscordMessage): void => {
    void context.dispatch(payload.id, inboundFromDiscordMessage(payload, account.accountId, me, undefined, (attachment) => discordImage(account, attachment)));
  };
  const receive = (messages: readonly DiscordMessage[]): void => {
    for (const message of messages) advanceChannel(cursor, message.channel_id, message.id, message.guild_id, unsaved);
    const received = messages.filter((message) => !message.author.bot);
    // Bots' messages (our own replies among them) are never handled: their cursor moves are kept
    // for the next write instead of a commit each. Lost in a crash, they only make a catch-up
    // fetch those messages again, which it leaves out as before.
    if (received.length === 0) return;
    const fresh = inbox.accept(
      received.map((message) => ({ externalId: message.id, payload: message })),
      serialiseDiscordCursor(cursor),
      unsaved,
    );
    unsaved.clear();
    for (const entry of fresh) handle(entry.payload as DiscordMessage);
  };

  // What a previous process received and did not finish.
  for (const entry of inbox.pending()) handle(entry.payload as DiscordMessage);

  let stopping = false;
  let health = 'connecting';
  const setHealth = (state: string, extra: Parameters<typeof context.setStatus>[0] = {}) => {
    health = state;
    context.setStatus({ healthState: state, ...extra });
  };
  let failWith: (error: ChannelAccountError) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (failWith = reject));
  failed.catch(() => undefined);

  const onRateLimited = (limit: RateLimitData) =>
    setHealth('rate-limited', { lastError: `rate limited by Discord (429) on ${limit.method} ${limit.route}: waiting ${Math.ceil(limit.retryAfter / 1000)} s` });
  const onResponse = () => {
    if (health === 'rate-limited') setHealth('connected', { lastError: null });
  };
  const unwatchRateLimits = watchRateLimits(rest, onRateLimited);
  rest.on('response', onResponse);

  const { WebSocketManager, WebSocketShardEvents } = await import('@discordjs/ws');
  const manager = new WebSocketManager({
    token: account.settings.token!,
    intents: DISCORD_INTENTS,
    rest,
    // One shard: a personal bot is far below the 2,500 guilds that need more; also what a stored session was made with.
    shardCount: 1,
    retrieveSessionInfo: () => cursor.session,
    updateSessionInfo: (_shardId: number, info: SessionInfo | null) => {
      // Our own stop keeps the session, so the next start can RESUME (see CLOSE_KEEPING_SESSION).
      if (stopping && info === null) return;
      cursor.session = info;
    },
  });
  const connected = (how: string) => {
    setHealth('connected', { connected: true, lastError: null, lastConnectedAt: Date.now(), mode: 'gateway', baseUrl: account.settings.apiRoot ?? '' });
    log.info({ ...where, bot: me.username, how }, 'discord account connected');
  };
  manager.on(WebSocketShardEvents.Ready, () => {
    persistCursor();
    connected('identify');
    // A fresh session: Discord replays nothing, so fetch what arrived since the stored ids.
    void fetchMissedMessages(rest, cursor, abortSignal)
      .then((missed) => missed.length > 0 && receive(missed))
      .catch((error: unknown) => log.warn({ ...where, error: error instanceof Error ? error.message : String(error) }, 'discord catch-up failed'));
  });
  manager.on(WebSocketShardEvents.Resumed, () => connected('resume'));
  manager.on(WebSocketShardEvents.Dispatch, (payload: GatewayDispatchPayload) => {
    if (payload.t === 'MESSAGE_CREATE') receive([payload.d]);
  });
  manager.on(WebSocketShardEvents.Closed, (code: number) => {
    if (stopping) return;
    const fatal = fatalClose(code);
    if (fatal) {
      if (fatal.state === 'unauthorized') forgetDiscordRest(account);
      return failWith(fatal);
    }
    setHealth('reconnecting', { connected: false, lastError: `Discord gateway connection closed (code ${code}); reconnecting` });
  });
  // @discordjs/ws reports its failures here too; the close code above decides what they mean.
  manager.on(WebSocketShardEvents.Error, (error: Error) => log.warn({ ...where, error: error.message }, 'discord gateway error'));

  const aborted = new Promise<void>((resolve) => abortSignal.addEventListener('abort', () => resolve(), { once: true }));
  try {
    await Promise.race([manager.connect().catch((error: unknown) => Promise.reject(classifyDiscordError(error))), failed, aborted]);
    await Promise.race([failed, aborted]);
  } finally {
    stopping = true;
    unwatchRateLimits();
    rest.off('response', onResponse);
    await Promise.resolve(manager.destroy({ code: CLOSE_KEEPING_SESSION, reason: 'stopping' })).catch(() => undefined);
    persistCursor();
  }
}
