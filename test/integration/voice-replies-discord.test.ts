import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, type RecordedDiscordCall } from '../fixtures/discord/index.js';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { FAKE_MP3, FakeOpenAiSpeech } from '../fixtures/openai-speech/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient } from '../helpers/protocol-client.js';

// `messages.tts.auto: "always"` on Discord, end to end: the reply's text, then its audio as an
// attachment (synthesized by a fake OpenAI speech endpoint, uploaded as multipart to a fake Discord).

const ALICE = { id: '300000000000000001', username: 'alice', global_name: 'Alice' };

const postsTo = (channelId: string) => (call: RecordedDiscordCall) => call.method === 'POST' && call.path === `/channels/${channelId}/messages`;

describe('spoken replies on Discord (messages.tts.auto)', () => {
  let provider: ModelProviderServer;
  let discord: FakeDiscord;
  let speech: FakeOpenAiSpeech;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 2_000 });
    speech = new FakeOpenAiSpeech();
    const speechUrl = await speech.start();
    const config = {
      models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock' }] } } },
      agents: { defaults: { model: 'mock/mock-model' } },
      channels: { discord: { token: discord.token, apiRoot: discord.apiRoot, dmPolicy: 'open', allowFrom: ['*'] } },
      messages: { tts: { auto: 'always', timeoutMs: 10_000, openai: { apiKey: 'sk-test-speech', baseUrl: speechUrl }, system: { enabled: false }, edge: { enabled: false } } },
    };
    gateway = await startGateway({ config: JSON.stringify(config), env: { OPENAI_API_KEY: undefined, ELEVENLABS_API_KEY: undefined, XI_API_KEY: undefined } });
    const { client } = await connectClient(gateway.url, { token: gateway.token, client: { id: 'voice-test', mode: 'ui' } });
    try {
      for (const deadline = Date.now() + 15_000; ; await sleep(100)) {
        const status = await client.call('channels.status', {});
        if (status.channelAccounts.discord?.[0]?.connected === true) break;
        if (Date.now() > deadline) throw new Error(`the Discord account never connected: ${JSON.stringify(status.channelAccounts.discord)}`);
      }
    } finally {
      client.close();
    }
  });
  afterAll(async () => {
    await gateway?.stop();
    await discord?.close();
    await provider?.close();
    await speech?.stop();
    if (gateway) removeStateDir(gateway.stateDir);
  });

  it('the reply arrives as text, then as an mp3 attachment of the same words', async () => {
    const dm = discord.dmChannelOf(ALICE.id);
    provider.enqueue({ text: ['The weather is fine, **really** fine.'] });
    discord.userSendsDm(ALICE, 'How is the weather?');
    const text = await discord.waitForCall((call) => postsTo(dm)(call) && String(call.body.content ?? '').includes('The weather is fine'), 20_000);
    const audio = await discord.waitForCall((call) => postsTo(dm)(call) && Array.isArray(call.body.files) && call.body.files.length > 0, 20_000);
    expect(discord.calls.indexOf(audio)).toBeGreaterThan(discord.calls.indexOf(text));
    expect(audio.body.files[0]).toMatchObject({ fileName: 'reply.mp3', mimeType: 'audio/mpeg', bytes: FAKE_MP3 });
    expect(audio.body.allowed_mentions).toEqual({ parse: [] });
    expect(discord.postedIn(dm).at(-1)?.attachments).toMatchObject([{ filename: 'reply.mp3', content_type: 'audio/mpeg' }]);
    // Markdown is not read out; anything but Telegram gets mp3.
    expect(speech.requests.at(-1)?.body).toMatchObject({ input: 'The weather is fine, really fine.', response_format: 'mp3' });
  });
});
