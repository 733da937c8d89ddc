import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatehouseConfig } from '../../../gateway/core/config/index.js';
import type { ChannelAccount } from '../../../gateway/features/channels/channel-plugin.js';
import { listDiscordAccounts } from '../../../gateway/features/channels/discord/discord-accounts.js';
import { DiscordSendError, sendDiscordText } from '../../../gateway/features/channels/discord/discord-outbound.js';
import { discordRest, watchRateLimits } from '../../../gateway/features/channels/discord/discord-rest.js';

// Discord REST calls through discordRest's client (@discordjs/rest): its rate limits — a route's
// bucket, a 429's retry_after, Discord's global limit and its own 50 calls a second for the whole
// token — hold, also for calls made while the client is being built, and refusals read as Discord
// meant them. Against a local stand-in that answers what each test scripts, over real sockets.

const TOKEN = 'MTk4NjIy.discord-rest-test.bot-token';
const CHANNEL = '710000000000000001';
const OTHER_CHANNEL = '710000000000000002';

interface Arrival {
  readonly method: string;
  readonly path: string;
  readonly at: number;
  readonly body: Record<string, unknown>;
}

type Answer = { status: number; headers?: Record<string, string>; body?: unknown };

/** What Discord says of a message route's bucket with calls to spare (it names the bucket on every answer). */
const ROOMY_BUCKET = { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4', 'x-ratelimit-reset-after': '5.000', 'x-ratelimit-bucket': 'messages-bucket' };

/** A stand-in for Discord's REST API: answers come from `script` (a message by default), arrivals are recorded. */
class ScriptedDiscord {
  readonly arrivals: Arrival[] = [];
  connections = 0;
  private readonly scripts: ((arrival: Arrival) => Answer | undefined)[] = [];

  private constructor(private readonly server: Server) {
    server.on('connection', () => (this.connections += 1));
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void this.handle(request, response));
  }

  static async start(): Promise<ScriptedDiscord> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new ScriptedDiscord(server);
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next call `script` answers (undefined: not this one, the default answer). Applies once. */
  answerNext(script: (arrival: Arrival) => Answer | undefined): void {
    this.scripts.push(script);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const arrival: Arrival = { method: request.method ?? 'GET', path: (request.url ?? '').replace(/^\/api\/v10/, ''), at, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    this.arrivals.push(arrival);
    let answer: Answer | undefined;
    const index = this.scripts.findIndex((script) => (answer = script(arrival)) !== undefined);
    if (index >= 0) this.scripts.splice(index, 1);
    const channelId = /^\/channels\/(\d+)\//.exec(arrival.path)?.[1] ?? CHANNEL;
    const { status, headers = ROOMY_BUCKET, body = { id: String(1_200_000_000_000_000_000n + BigInt(this.arrivals.length)), channel_id: channelId, content: arrival.body.content } } = answer ?? { status: 200 };
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  }
}

function accountFor(apiRoot: string): ChannelAccount {
  const account = listDiscordAccounts({ channels: { discord: { token: TOKEN, apiRoot } } } as unknown as GatehouseConfig, {})[0];
  if (!account) throw new Error('no account');
  return account;
}

const messagesOf = (channelId: string) => (arrival: Arrival) => arrival.method === 'POST' && arrival.path === `/channels/${channelId}/messages`;

describe('Discord REST calls', () => {
  let discord: ScriptedDiscord | undefined;
  afterEach(async () => {
    await discord?.close();
    discord = undefined;
  });

  it('sends the JSON body, reads the answer, and keeps its connections open for the next calls', async () => {
    discord = await ScriptedDiscord.start();
    const account = accountFor(discord.apiRoot);
    const calls = [0, 1, 2, 3, 4, 5, 6, 7];
    for (const i of calls) {
      const sent = await sendDiscordText(account, `channel:${CHANNEL}`, `hello ${i}`);
      expect(sent.chatId).toBe(CHANNEL);
    }
    expect(discord.arrivals.map((arrival) => arrival.body)).toEqual(calls.map((i) => ({ allowed_mentions: { parse: [] }, content: `hello ${i}` })));
    // undici may open a second socket when a call follows its answer at once (the first is not yet idle).
    expect(discord.connections).toBeLessThanOrEqual(2);
  });

  it("waits for a route's bucket to reset when Discord says none are left, and shows it", async () => {
    discord = await ScriptedDiscord.start();
    const account = accountFor(discord.apiRoot);
    const rest = await discordRest(account);
    const seen: string[] = [];
    const unwatch = watchRateLimits(rest, (limit) => seen.push(`${limit.route} ${limit.retryAfter > 0 ? 'waits' : 'does not wait'}`));
    // The first answer names the route's bucket; the client keeps that bucket's count from then on.
    await sendDiscordText(account, `channel:${CHANNEL}`, 'first');
    discord.answerNext(() => ({ status: 200, headers: { 'X-RateLimit-Limit': '5', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset-After': '0.6', 'X-RateLimit-Bucket': 'messages-bucket' } }));
    await sendDiscordText(account, `channel:${CHANNEL}`, 'second');
    await sendDiscordText(account, `channel:${CHANNEL}`, 'third');
    const [, second, third] = discord.arrivals.filter(messagesOf(CHANNEL));
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(550);
    expect(seen).toContain('/channels/:id/messages waits');
    unwatch();
  });

  it("waits out a 429's retry_after and sends again", async () => {
    discord = await ScriptedDiscord.start();
    const account = accountFor(discord.apiRoot);
    discord.answerNext(() => ({ status: 429, headers: { 'Retry-After': '0.5', 'X-RateLimit-Scope': 'user' }, body: { message: 'You are being rate limited.', retry_after: 0.5, global: false } }));
    const sent = await sendDiscordText(account, `channel:${CHANNEL}`, 'patient');
    const [refused, accepted] = discord.arrivals.filter(messagesOf(CHANNEL));
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(450);
    expect(sent.chatId).toBe(CHANNEL);
  });

  it("holds every route during Discord's global rate limit", async () => {
    discord = await ScriptedDiscord.start();
    const account = accountFor(discord.apiRoot);
    discord.answerNext(() => ({ status: 429, headers: { 'Retry-After': '0.6', 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' }, body: { message: 'You are being rate limited.', retry_after: 0.6, global: true } }));
    const first = sendDiscordText(account, `channel:${CHANNEL}`, 'one');
    for (; discord.arrivals.length === 0; await new Promise((resolve) => setTimeout(resolve, 5)));
    // Another channel (another bucket) is held too, until the global wait is over.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all([first, sendDiscordText(account, `channel:${OTHER_CHANNEL}`, 'two')]);
    const globalLimitedAt = discord.arrivals[0]!.at;
    const other = discord.arrivals.find(messagesOf(OTHER_CHANNEL))!;
    expect(other.at - globalLimitedAt).toBeGreaterThanOrEqual(550);
  });

  it('sends at most 50 calls a second for the token, also when they all come before its client exists', async () => {
    discord = await ScriptedDiscord.start();
    const account = accountFor(discord.apiRoot);
    const channels = Array.from({ length: 55 }, (_, i) => String(720_000_000_000_000_000n + BigInt(i)));
    // The first call builds the client; the 54 others, made meanwhile, must share it (and its count).
    await Promise.all(channels.map((channel) => sendDiscordText(account, `channel:${channel}`, 'burst')));
    const times = discord.arrivals.map((arrival) => arrival.at).sort((a, b) => a - b);
    expect(times).toHaveLength(55);
    // The 51st waits for the next second of the client's window.
    expect(times[50]! - times[0]!).toBeGreaterThanOrEqual(900);
  });

  it("reads Discord's refusals: its JSON error code, and a 5xx by its status text after the retries", async () => {
    discord = await ScriptedDiscord.start();
    const account = accountFor(discord.apiRoot);
    discord.answerNext(() => ({ status: 403, body: { message: 'Missing Permissions', code: 50013 } }));
    const forbidden = await sendDiscordText(account, `channel:${CHANNEL}`, 'hi').catch((error: unknown) => error);
    expect(forbidden).toBeInstanceOf(DiscordSendError);
    expect((forbidden as DiscordSendError).discordCode).toBe(50013);
    expect((forbidden as Error).message).toMatch(/50013 Missing Permissions/);

    // The client tries a 5xx three more times, then gives up with the status text.
    for (let i = 0; i < 4; i += 1) discord.answerNext(() => ({ status: 502, body: { message: 'upstream' } }));
    const failed = await sendDiscordText(account, `channel:${CHANNEL}`, 'hi').catch((error: unknown) => error);
    expect((failed as Error).message).toBe('Discord refused the message (502 Bad Gateway)');
    expect(discord.arrivals.filter(messagesOf(CHANNEL))).toHaveLength(5);
  });
});
