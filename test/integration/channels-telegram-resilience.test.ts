import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi, visibleText, type RecordedCall } from '../fixtures/telegram-bot-api/index.js';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

const CAROL = { id: 6161, first_name: 'Carol' };
const DM = { id: CAROL.id, type: 'private' as const };
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** What Carol sees: the messages Telegram carried out (not the ones refused with a scripted 429). */
const delivered = (telegram: FakeTelegramBotApi) =>
  telegram.sent('sendMessage', CAROL.id).filter((call) => !call.scripted).map((call) => (call.payload.parse_mode === 'HTML' ? visibleText(String(call.payload.text)) : String(call.payload.text)));
const reply = (text: string) => (call: RecordedCall) => call.method === 'sendMessage' && !call.scripted && String(call.payload.chat_id) === String(CAROL.id) && String(call.payload.text).includes(text);

describe('Telegram: rate limits, network drops and photos', () => {
  let provider: ModelProviderServer;
  let telegram: FakeTelegramBotApi;
  let gateway: GatewayProcess;
  let client: RawClient;

  const account = async () => (await client.call('channels.status', {})).channelAccounts.telegram[0];
  const waitForState = async (predicate: (account: Record<string, any>) => boolean, timeoutMs = 10_000) => {
    for (const deadline = Date.now() + timeoutMs; ; await sleep(50)) {
      const current = await account();
      if (predicate(current)) return current;
      if (Date.now() > deadline) throw new Error(`account never reached the state; last: ${JSON.stringify(current)}`);
    }
  };
  const polling = async () => {
    for (const deadline = Date.now() + 10_000; telegram.pollsWaiting() === 0; await sleep(20)) if (Date.now() > deadline) throw new Error('the gateway is not long-polling');
  };
  /** The text of each model call's last user message, and whether it carried an image. */
  const modelTurns = () =>
    provider.requests.map((request) => {
      const messages = (request.body as { messages?: { role: string; content: unknown }[] }).messages ?? [];
      const content = messages.filter((message) => message.role === 'user').at(-1)?.content;
      const parts = typeof content === 'string' ? [{ type: 'text', text: content }] : ((content ?? []) as { type: string; text?: string; image_url?: { url: string } }[]);
      return { text: parts.map((part) => part.text ?? '').join(' '), images: parts.flatMap((part) => (part.image_url ? [part.image_url.url] : [])) };
    });

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    telegram = await FakeTelegramBotApi.start();
    gateway = await startGateway({
      config: JSON.stringify({
        models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock', input: ['text', 'image'] }] } } },
        agents: { defaults: { model: 'mock/mock-model' } },
        channels: { telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot, dmPolicy: 'open', allowFrom: ['*'] } },
      }),
    });
    client = (await connectClient(gateway.url, { token: gateway.token })).client;
    await waitForState((candidate) => candidate.connected === true);
  });
  afterAll(async () => {
    client?.close();
    await gateway?.stop();
    await telegram.close();
    await provider.close();
    if (gateway) removeStateDir(gateway.stateDir);
  });

  it("waits out getUpdates' 429 retry_after, showing it, and loses or repeats nothing", async () => {
    provider.setDefault({ text: ['got it'] });
    await polling();
    telegram.failNext('getUpdates', { error_code: 429, description: 'Too Many Requests: retry after 2', retry_after: 2 });
    // The held poll answers with A; the next getUpdates is refused with the 429.
    telegram.inject({ chat: DM, from: CAROL, text: 'message A' });
    const limited = await waitForState((candidate) => candidate.healthState === 'rate-limited');
    expect(limited.lastError).toMatch(/429/);
    telegram.inject({ chat: DM, from: CAROL, text: 'message B' });
    await waitForState((candidate) => candidate.healthState === 'connected');
    await telegram.waitForCall(() => delivered(telegram).filter((text) => text === 'got it').length >= 2);
    await sleep(500);
    expect(delivered(telegram).filter((text) => text === 'got it')).toHaveLength(2);
    expect(modelTurns().map((turn) => /message [AB]/.exec(turn.text)?.[0])).toEqual(['message A', 'message B']);
    const refused = telegram.calls.find((call) => call.method === 'getUpdates' && call.scripted)!;
    const next = telegram.calls.find((call) => call.method === 'getUpdates' && call.at > refused.at)!;
    expect(next.at - refused.at).toBeGreaterThanOrEqual(1_900);
  });

  it("waits out sendMessage's 429 and sends the reply once", async () => {
    provider.setDefault({ text: ['after the limit'] });
    telegram.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
    telegram.inject({ chat: DM, from: CAROL, text: 'reply despite the limit' });
    await telegram.waitForCall(reply('after the limit'));
    await sleep(300);
    expect(delivered(telegram).filter((text) => text === 'after the limit')).toHaveLength(1);
    expect(telegram.sent('sendMessage', CAROL.id).filter((call) => call.scripted)).toHaveLength(1);
  });

  it('shows a network drop during polling, reconnects, and loses or repeats nothing', async () => {
    provider.setDefault({ text: ['back again'] });
    await polling();
    const turnsBefore = provider.requests.length;
    telegram.setOffline(true);
    const down = await waitForState((candidate) => candidate.healthState === 'network');
    expect(down).toMatchObject({ connected: false, running: true });
    expect(down.lastError).toMatch(/network error/);
    telegram.inject({ chat: DM, from: CAROL, text: 'written during the outage' });
    telegram.setOffline(false);
    await waitForState((candidate) => candidate.connected === true && candidate.healthState === 'connected');
    await telegram.waitForCall(reply('back again'));
    await sleep(500);
    expect(delivered(telegram).filter((text) => text === 'back again')).toHaveLength(1);
    expect(provider.requests.length - turnsBefore).toBe(1);
    expect(telegram.unconfirmed()).toEqual([]);
  });

  it('shows a user who blocked the bot (403) on the account, does not run that message again, and goes on answering', async () => {
    provider.setDefault({ text: ['you blocked me'] });
    await polling();
    const turnsBefore = provider.requests.length;
    telegram.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    telegram.inject({ chat: DM, from: CAROL, text: 'written just before blocking the bot' });
    const blocked = await waitForState((candidate) => /blocked the bot/.test(String(candidate.lastError ?? '')));
    // A refused reply is the chat's problem, not the connection's: the account keeps polling.
    expect(blocked).toMatchObject({ running: true, connected: true });
    expect(blocked.lastError).toMatch(/403/);
    await sleep(1_000);
    expect(provider.requests.length - turnsBefore).toBe(1);
    expect(telegram.unconfirmed()).toEqual([]);

    provider.setDefault({ text: ['unblocked, hello'] });
    telegram.inject({ chat: DM, from: CAROL, text: 'unblocked the bot' });
    await telegram.waitForCall(reply('unblocked, hello'));
    expect(provider.requests.length - turnsBefore).toBe(2);
    expect(delivered(telegram)).not.toContain('you blocked me');
  });

  it('passes a photo to the agent as an image, with its caption', async () => {
    provider.setDefault({ text: ['a tiny picture'] });
    telegram.inject({ chat: DM, from: CAROL, text: 'what is this?', photo: { bytes: PNG } });
    await telegram.waitForCall(reply('a tiny picture'));
    const turn = modelTurns().at(-1)!;
    expect(turn.text).toContain('what is this?');
    expect(turn.images).toEqual([`data:image/png;base64,${PNG.toString('base64')}`]);
    expect(telegram.sent('getFile')).toHaveLength(1);
  });

  it('leaves out an image over the size cap, and says so to the agent', async () => {
    provider.setDefault({ text: ['too big to look at'] });
    const huge = Buffer.concat([PNG, Buffer.alloc(7_000_000)]);
    telegram.inject({ chat: DM, from: CAROL, text: '', document: { bytes: huge, mimeType: 'image/png', fileName: 'huge.png' } });
    await telegram.waitForCall(reply('too big to look at'));
    const turn = modelTurns().at(-1)!;
    expect(turn.images).toEqual([]);
    expect(turn.text).toMatch(/huge\.png not passed on: 7000\d+ bytes is more than the 6000000-byte image limit/);
  });
});
