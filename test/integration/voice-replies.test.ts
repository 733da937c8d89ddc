import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_OPUS, FakeOpenAiSpeech } from '../fixtures/openai-speech/index.js';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { FakeTelegramBotApi, visibleText, type RecordedCall } from '../fixtures/telegram-bot-api/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

// `messages.tts.auto` on channel replies, end to end: a person writes to the bot on a fake
// Telegram Bot API, the agent answers through a fake model provider, and — when the mode says so —
// the reply comes as text and then as a voice note, synthesized by a fake OpenAI speech endpoint
// (Ogg/Opus, as Telegram wants voice notes) and uploaded with sendVoice.

const ALICE = { id: 4242, first_name: 'Alice', username: 'alice' };
const OGG_VOICE = { bytes: Buffer.concat([Buffer.from('OggS'), Buffer.alloc(40, 3)]), durationSeconds: 2 };

const isText = (contains: string) => (call: RecordedCall) => call.method === 'sendMessage' && String(call.payload.chat_id) === String(ALICE.id) && visibleText(String(call.payload.text)).includes(contains);
const audioCalls = (telegram: FakeTelegramBotApi) => telegram.calls.filter((call) => ['sendVoice', 'sendAudio', 'sendDocument'].includes(call.method));

describe('spoken replies on Telegram (messages.tts.auto)', () => {
  let provider: ModelProviderServer;
  let telegram: FakeTelegramBotApi;
  let speech: FakeOpenAiSpeech;
  let gateway: GatewayProcess;
  let admin: RawClient;

  /** Sets `messages.tts.auto` through the config path (hot: read on every reply). */
  async function setAuto(auto: string): Promise<void> {
    const { hash } = await admin.call('config.get', {});
    await admin.call('config.patch', { raw: JSON.stringify({ messages: { tts: { auto } } }), baseHash: hash });
  }

  /** Alice writes; resolves with the bot's text reply once it is sent. */
  async function exchange(message: string, reply: string, extra: { voice?: typeof OGG_VOICE } = {}): Promise<RecordedCall> {
    provider.enqueue({ text: [reply] });
    telegram.inject({ chat: { id: ALICE.id, type: 'private' }, from: ALICE, text: extra.voice ? '' : message, ...extra });
    return telegram.waitForCall(isText(reply.replace(/\[\[[^\]]*\]\]/g, '').trim().slice(0, 20)), 20_000);
  }

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    telegram = await FakeTelegramBotApi.start();
    speech = new FakeOpenAiSpeech();
    const speechUrl = await speech.start();
    const config = {
      models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock' }] } } },
      agents: { defaults: { model: 'mock/mock-model' } },
      channels: { telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot, dmPolicy: 'open', allowFrom: ['*'] } },
      messages: { tts: { auto: 'always', timeoutMs: 10_000, openai: { apiKey: 'sk-test-speech', baseUrl: speechUrl }, system: { enabled: false }, edge: { enabled: false } } },
    };
    gateway = await startGateway({ config: JSON.stringify(config), env: { OPENAI_API_KEY: undefined, ELEVENLABS_API_KEY: undefined, XI_API_KEY: undefined } });
    admin = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'voice-test', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    admin?.close();
    await gateway?.stop();
    await telegram?.close();
    await provider?.close();
    await speech?.stop();
    if (gateway) removeStateDir(gateway.stateDir);
  });

  it('"always": the reply arrives as text, then as a voice note of the same words', async () => {
    const text = await exchange('How is the weather?', 'The weather is fine, **really** fine.');
    const voice = await telegram.waitForCall((call) => call.method === 'sendVoice', 20_000);
    expect(telegram.calls.indexOf(voice)).toBeGreaterThan(telegram.calls.indexOf(text));
    expect(String(voice.payload.chat_id)).toBe(String(ALICE.id));
    expect(voice.payload.voice).toMatchObject({ fileName: 'reply.ogg', bytes: FAKE_OPUS });
    // Markdown is not read out; Telegram's voice notes are Ogg/Opus.
    expect(speech.requests.at(-1)?.body).toMatchObject({ input: 'The weather is fine, really fine.', response_format: 'opus', model: 'gpt-4o-mini-tts' });
  });

  it('"off": text only', async () => {
    await setAuto('off');
    const before = audioCalls(telegram).length;
    const speechBefore = speech.requests.length;
    await exchange('Anything new?', 'Nothing new since this morning.');
    // Replies in one chat are handled in order: once the second text is out, the first reply is done.
    await exchange('Thanks.', 'You are welcome, Alice.');
    expect(audioCalls(telegram).length).toBe(before);
    expect(speech.requests.length).toBe(speechBefore);
  });

  it('"tagged": only a reply carrying [[tts]] is spoken, and the tag is not shown', async () => {
    await setAuto('tagged');
    const before = audioCalls(telegram).length;
    await exchange('Plain question', 'A plain answer without a tag.');
    const tagged = await exchange('Read it to me', 'Here is the poem. [[tts]]');
    expect(visibleText(String(tagged.payload.text))).toBe('Here is the poem.');
    const voice = await telegram.waitForCall((call) => call.method === 'sendVoice' && audioCalls(telegram).indexOf(call) >= before, 20_000);
    expect(audioCalls(telegram).slice(before)).toEqual([voice]);
    expect(speech.requests.at(-1)?.body).toMatchObject({ input: 'Here is the poem.' });
  });

  it('"inbound": a voice note gets a voice reply, a typed message does not; tts.disable mutes it', async () => {
    await setAuto('inbound');
    const before = audioCalls(telegram).length;
    await exchange('typed', 'A typed question gets text.');
    await exchange('', 'A voice note gets a voice note.', { voice: OGG_VOICE });
    const voice = await telegram.waitForCall((call) => call.method === 'sendVoice' && audioCalls(telegram).indexOf(call) >= before, 20_000);
    expect(audioCalls(telegram).slice(before)).toEqual([voice]);
    // No speech to text yet: the agent is told a voice note came.
    expect(JSON.stringify(provider.requests.at(-1)?.body)).toContain('[voice message]');

    expect(await admin.call('tts.disable', {})).toEqual({ enabled: false });
    await exchange('', 'Muted now.', { voice: OGG_VOICE });
    await exchange('typed again', 'Still text.');
    expect(audioCalls(telegram).slice(before)).toEqual([voice]);
  });
});
