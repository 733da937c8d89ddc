import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_MP3, FAKE_OPUS, FakeOpenAiSpeech } from '../fixtures/openai-speech/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectNode } from '../helpers/node-client.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';
import { referenceErrors } from '../helpers/reference-schemas.js';

// Voice: wake words, talk mode and config, text to speech through a fake OpenAI speech server on
// 127.0.0.1 (reached through the AI SDK's speech model). The keyless Edge voice needs the
// internet, so here it goes through a proxy address where nothing listens: it fails at once, and
// that failure must read clearly. The system voice is switched off here (whether this machine has
// espeak-ng must not change these answers); voice-system.test.ts speaks with it.

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const NO_KEYS = { OPENAI_API_KEY: undefined, ELEVENLABS_API_KEY: undefined, XI_API_KEY: undefined, OPENAI_TTS_BASE_URL: undefined };

describe('voice: voicewake, talk, tts', () => {
  let gateway: GatewayProcess;
  let speech: FakeOpenAiSpeech;
  let admin: RawClient;
  let reader: RawClient;

  beforeAll(async () => {
    speech = new FakeOpenAiSpeech();
    const baseUrl = await speech.start();
    const proxy = `http://127.0.0.1:${await closedPort()}`;
    const config = {
      messages: { tts: { auto: 'inbound', maxTextLength: 200, timeoutMs: 5_000, openai: { apiKey: 'sk-test-speech', baseUrl }, edge: { proxy }, system: { enabled: false } } },
      talk: { voiceId: 'voice-1', apiKey: 'talk-secret-key', interruptOnSpeech: true },
    };
    gateway = await startGateway({ config: JSON.stringify(config), env: NO_KEYS });
    admin = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'admin-ui', mode: 'ui' } })).client;
    reader = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'] })).client;
  });
  afterAll(async () => {
    admin.close();
    reader.close();
    await gateway.stop();
    await speech.stop();
    removeStateDir(gateway.stateDir);
  });

  it('lists talk.mode and voicewake.changed among its events and the voice methods among its methods', async () => {
    const { hello } = await connectClient(gateway.url, { token: gateway.token });
    expect(hello.features.events).toEqual(expect.arrayContaining(['talk.mode', 'voicewake.changed']));
    expect(hello.features.methods).toEqual(
      expect.arrayContaining(['voicewake.get', 'voicewake.set', 'talk.mode', 'talk.config', 'talk.speak', 'tts.status', 'tts.providers', 'tts.enable', 'tts.disable', 'tts.setProvider', 'tts.convert', 'tts.speak']),
    );
  });

  it('keeps wake words: defaults, a cleaned-up set that is broadcast and pushed to nodes, and the defaults again for an empty list', async () => {
    expect(await reader.call('voicewake.get', {})).toEqual({ triggers: ['openclaw', 'claude', 'computer'] });
    const node = await connectNode(gateway.url, { token: gateway.token, caps: ['voice'] });
    await node.client.event('voicewake.changed');

    const broadcast = reader.nextNew((frame) => frame.event === 'voicewake.changed');
    const pushed = node.client.nextNew((frame) => frame.event === 'voicewake.changed');
    expect(await admin.call('voicewake.set', { triggers: ['  hey gatehouse ', 'Hey Gatehouse', '', 'jarvis'] })).toEqual({ triggers: ['hey gatehouse', 'jarvis'] });
    expect((await broadcast).payload).toEqual({ triggers: ['hey gatehouse', 'jarvis'] });
    expect((await pushed).payload).toEqual({ triggers: ['hey gatehouse', 'jarvis'] });
    expect(JSON.parse(readFileSync(join(gateway.stateDir, 'settings', 'voicewake.json'), 'utf8'))).toMatchObject({ triggers: ['hey gatehouse', 'jarvis'], updatedAtMs: expect.any(Number) });

    // A node that connects now hears the current words right after its handshake.
    const late = await connectNode(gateway.url, { token: gateway.token, caps: ['voice'] });
    expect((await late.client.event('voicewake.changed')).payload).toEqual({ triggers: ['hey gatehouse', 'jarvis'] });

    expect(await admin.call('voicewake.set', { triggers: [' '] })).toEqual({ triggers: ['openclaw', 'claude', 'computer'] });
    node.client.close();
    late.client.close();
  });

  it('sets talk mode for a client, broadcasts it, and refuses a browser chat while no phone node is connected', async () => {
    const event = reader.nextNew((frame) => frame.event === 'talk.mode');
    const mode = await admin.call('talk.mode', { enabled: true });
    expect(mode).toEqual({ enabled: true, phase: null, ts: expect.any(Number) });
    expect((await event).payload).toEqual(mode);
    expect(await admin.call('talk.mode', { enabled: true, phase: 'listening' })).toMatchObject({ phase: 'listening' });

    const webchat = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'webchat-ui', mode: 'webchat' } })).client;
    const refused = await webchat.request('talk.mode', { enabled: true });
    expect(refused.error).toMatchObject({ code: 'UNAVAILABLE', message: 'talk disabled: no connected iOS/Android nodes' });
    const phone = await connectNode(gateway.url, { token: gateway.token, client: { id: 'openclaw-ios', mode: 'node', platform: 'iOS 19.1' }, caps: ['talk'] });
    expect(await webchat.call('talk.mode', { enabled: false })).toMatchObject({ enabled: false, phase: null });
    phone.client.close();
    webchat.close();
  });

  it('hands out the talk config with its key hidden, and in clear only to an admin who asks', async () => {
    expect(await reader.call('talk.config', {})).toEqual({
      config: { talk: { voiceId: 'voice-1', apiKey: '__OPENCLAW_REDACTED__', interruptOnSpeech: true }, session: { mainKey: 'main' } },
    });
    expect((await reader.request('talk.config', { includeSecrets: true })).error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('missing scope: operator.admin') });
    expect((await admin.call('talk.config', { includeSecrets: true })).config.talk.apiKey).toBe('talk-secret-key');
  });

  it('reports the TTS setup: OpenAI with a key first, Edge as the fallback, prefs in the state dir', async () => {
    const status = await reader.call('tts.status', {});
    expect(status).toEqual({
      enabled: true,
      auto: 'inbound',
      provider: 'openai',
      fallbackProvider: 'edge',
      fallbackProviders: ['edge'],
      prefsPath: join(gateway.stateDir, 'settings', 'tts.json'),
      hasOpenAIKey: true,
      hasElevenLabsKey: false,
      edgeEnabled: true,
      systemVoice: { available: false, reason: 'disabled (messages.tts.system.enabled is false)' },
    });
    const providers = await reader.call('tts.providers', {});
    expect(providers.active).toBe('openai');
    expect(providers.providers.map((provider: { id: string; configured: boolean }) => [provider.id, provider.configured])).toEqual([
      ['openai', true],
      ['elevenlabs', false],
      ['system', false],
      ['edge', true],
    ]);
  });

  it('converts text to an audio file in the state dir with OpenAI, opus for Telegram', async () => {
    const mp3 = await admin.call('tts.convert', { text: 'Hello from the gateway.' });
    expect(mp3).toEqual({
      audioPath: expect.stringContaining(join(gateway.stateDir, 'tts')),
      provider: 'openai',
      outputFormat: 'mp3',
      voiceCompatible: false,
      mimeType: 'audio/mpeg',
      fileExtension: '.mp3',
    });
    expect(readFileSync(mp3.audioPath)).toEqual(FAKE_MP3);
    expect(speech.requests.at(-1)?.body).toEqual({ model: 'gpt-4o-mini-tts', input: 'Hello from the gateway.', voice: 'alloy', response_format: 'mp3' });

    const voiceNote = await admin.call('tts.convert', { text: 'A voice note.', channel: 'telegram', voiceId: 'nova' });
    expect(voiceNote).toMatchObject({ provider: 'openai', outputFormat: 'opus', voiceCompatible: true });
    expect(readFileSync(voiceNote.audioPath)).toEqual(FAKE_OPUS);
    expect(speech.requests.at(-1)?.body).toMatchObject({ voice: 'nova', response_format: 'opus' });
  });

  it('returns the audio itself for tts.speak and talk.speak, in the reference shapes', async () => {
    const spoken = await admin.call('tts.speak', { text: 'Speak this.' });
    expect(referenceErrors('TtsSpeakResult', spoken)).toEqual([]);
    expect(Buffer.from(spoken.audioBase64, 'base64')).toEqual(FAKE_MP3);
    const talked = await admin.call('talk.speak', { text: 'And this.', outputFormat: 'opus_48000_64', speed: 1.5 });
    expect(referenceErrors('TalkSpeakResult', talked)).toEqual([]);
    expect(talked).toMatchObject({ provider: 'openai', voiceCompatible: true, mimeType: 'audio/ogg' });
    expect(speech.requests.at(-1)?.body).toMatchObject({ speed: 1.5, response_format: 'opus' });
    expect((await admin.request('talk.speak', { text: 'x', outputFormat: 'wav' })).error).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('refuses text over messages.tts.maxTextLength', async () => {
    const response = await admin.request('tts.convert', { text: 'x'.repeat(201) });
    expect(response.error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('the limit is 200') });
  });

  it('turns TTS on and off and switches provider by prefs; a failing Edge falls back to OpenAI', async () => {
    expect(await admin.call('tts.disable', {})).toEqual({ enabled: false });
    expect((await reader.call('tts.status', {})).enabled).toBe(false);
    expect(await admin.call('tts.enable', {})).toEqual({ enabled: true });
    expect(await admin.call('tts.setProvider', { provider: 'microsoft' })).toEqual({ provider: 'edge' });
    expect(JSON.parse(readFileSync(join(gateway.stateDir, 'settings', 'tts.json'), 'utf8'))).toEqual({ tts: { enabled: true, provider: 'edge' } });
    expect(await reader.call('tts.status', {})).toMatchObject({ provider: 'edge', fallbackProviders: ['openai'] });

    const converted = await admin.call('tts.convert', { text: 'Edge cannot reach its service here.' });
    expect(converted.provider).toBe('openai');
    await admin.call('tts.setProvider', { provider: 'openai' });
  });
});

describe('tts: every provider failing', () => {
  let gateway: GatewayProcess;
  let speech: FakeOpenAiSpeech;
  let admin: RawClient;

  beforeAll(async () => {
    speech = new FakeOpenAiSpeech();
    const baseUrl = await speech.start();
    const proxy = `http://127.0.0.1:${await closedPort()}`;
    const config = { messages: { tts: { timeoutMs: 5_000, openai: { apiKey: 'sk-wrong', baseUrl }, edge: { proxy }, system: { enabled: false } } } };
    gateway = await startGateway({ config: JSON.stringify(config), env: NO_KEYS });
    admin = (await connectClient(gateway.url, { token: gateway.token })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    await speech.stop();
    removeStateDir(gateway.stateDir);
  });

  it('answers UNAVAILABLE naming each provider and its reason, and writes no file', async () => {
    const response = await admin.request('tts.convert', { text: 'Nobody can say this.' }, 15_000);
    expect(response.error.code).toBe('UNAVAILABLE');
    expect(response.error.message).toMatch(/^TTS conversion failed: openai: HTTP 401: Incorrect API key provided; edge: .*ECONNREFUSED/);
    const dir = join(gateway.stateDir, 'tts');
    expect(existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith('tts-')) : []).toEqual([]);
  });

  it('says why the keyless Edge voice failed when it is asked for by name', async () => {
    const response = await admin.request('tts.convert', { text: 'Only Edge.', provider: 'edge' }, 15_000);
    expect(response.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('edge: ') });
  });
});
