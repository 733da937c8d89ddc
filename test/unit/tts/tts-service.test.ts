import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudioFiles } from '../../../gateway/features/tts/audio-files.js';
import { elevenLabsSpeech, openaiSpeech } from '../../../gateway/features/tts/cloud-speech.js';
import { edgeSpeech, escapeSsml, type EdgeSynthesizer } from '../../../gateway/features/tts/edge-speech.js';
import { systemSpeech } from '../../../gateway/features/tts/system-speech.js';
import { TtsPrefsFile } from '../../../gateway/features/tts/tts-prefs.js';
import { TtsService } from '../../../gateway/features/tts/tts-service.js';
import { readTtsSettings } from '../../../gateway/features/tts/tts-settings.js';
import { FAKE_MP3, FakeOpenAiSpeech } from '../../fixtures/openai-speech/index.js';

// The TTS service with real files, a fake OpenAI and a fake ElevenLabs on 127.0.0.1 (reached
// through the AI SDK's speech models), and an injected Edge client (the real one needs the
// internet). The system voice is looked up on a PATH the test chooses: an empty folder here, so
// the order does not depend on what this machine has installed (system-voice.test.ts has it).

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('tts service', () => {
  const dirs: string[] = [];
  let openai: FakeOpenAiSpeech;
  let openaiUrl: string;
  let eleven: Server;
  let elevenUrl: string;
  const elevenRequests: { url: string; key: string | undefined; body: unknown }[] = [];

  beforeAll(async () => {
    openai = new FakeOpenAiSpeech();
    openaiUrl = await openai.start();
    eleven = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        elevenRequests.push({ url: request.url ?? '', key: request.headers['xi-api-key'] as string | undefined, body: JSON.parse(body || '{}') });
        if (request.headers['xi-api-key'] !== 'xi-good') {
          response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: { status: 'invalid_api_key', message: 'Invalid API key' } }));
          return;
        }
        response.writeHead(200, { 'content-type': 'audio/mpeg' }).end(FAKE_MP3);
      });
    });
    await new Promise<void>((resolve) => eleven.listen(0, '127.0.0.1', resolve));
    elevenUrl = `http://127.0.0.1:${(eleven.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await openai.stop();
    await new Promise<void>((resolve) => eleven.close(() => resolve()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  function build(
    tts: Record<string, unknown>,
    env: Record<string, string> = {},
    edge: EdgeSynthesizer = async () => Promise.reject(new Error('edge is not reachable in tests')),
    pathValue?: string,
  ) {
    const stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-tts-'));
    dirs.push(stateDir);
    const files = new AudioFiles(join(stateDir, 'tts'), Date.now);
    const emptyPath = join(stateDir, 'empty-path');
    mkdirSync(emptyPath);
    const system = systemSpeech({ platform: 'linux', pathValue: () => pathValue ?? emptyPath, scratchPath: () => files.scratchPath(), readAndRemove: (path) => files.readAndRemove(path) });
    const service = new TtsService({
      settings: () => readTtsSettings({ messages: { tts } }, env),
      prefs: new TtsPrefsFile(stateDir),
      files,
      providers: [openaiSpeech, elevenLabsSpeech, system, edgeSpeech(edge, () => files.scratchPath(), (path) => files.readAndRemove(path))],
    });
    return { service, stateDir };
  }

  it('chooses prefs, then config, then OpenAI with a key, then ElevenLabs with a key, then the system voice, then Edge', async () => {
    expect(build({}).service.active()).toBe('edge');
    const here = build({}, {}, undefined, process.env.PATH).service;
    expect(here.active()).toBe(here.status().systemVoice.available ? 'system' : 'edge');
    expect(build({}, { XI_API_KEY: 'k' }).service.active()).toBe('elevenlabs');
    expect(build({}, { XI_API_KEY: 'k', OPENAI_API_KEY: 'k' }).service.active()).toBe('openai');
    expect(build({ provider: 'elevenlabs' }, { OPENAI_API_KEY: 'k' }).service.active()).toBe('elevenlabs');
    const { service } = build({ provider: 'elevenlabs' }, { OPENAI_API_KEY: 'k' });
    await service.setProvider('edge');
    expect(service.active()).toBe('edge');
    expect(service.status()).toMatchObject({ provider: 'edge', fallbackProvider: 'openai', fallbackProviders: ['openai'], hasOpenAIKey: true });
  });

  it('says truthfully which providers can speak and why the others cannot', () => {
    const { service } = build({ system: { enabled: true } });
    const providers = service.providers().providers;
    expect(providers.map((provider) => [provider.id, provider.available, provider.reason])).toEqual([
      ['openai', false, 'no API key (messages.tts.openai.apiKey or OPENAI_API_KEY)'],
      ['elevenlabs', false, 'no API key (messages.tts.elevenlabs.apiKey, ELEVENLABS_API_KEY or XI_API_KEY)'],
      ['system', false, expect.stringContaining('espeak-ng is not installed')],
      ['edge', true, undefined],
    ]);
    expect(service.status().systemVoice).toEqual({ available: false, reason: expect.stringContaining('apt-get install espeak-ng') });
    expect(build({ system: { enabled: false } }).service.status().systemVoice).toEqual({ available: false, reason: 'disabled (messages.tts.system.enabled is false)' });
  });

  it('speaks with OpenAI through the AI SDK: the real request body, opus for Telegram, its error in words', async () => {
    const { service } = build({ openai: { apiKey: 'sk-test-speech', baseUrl: openaiUrl } });
    const result = await service.convert({ text: 'Hello there', channel: 'telegram', voice: 'nova' });
    expect(result).toMatchObject({ provider: 'openai', outputFormat: 'opus', voiceCompatible: true, mimeType: 'audio/ogg', fileExtension: '.opus' });
    expect(openai.requests.at(-1)).toMatchObject({
      path: '/v1/audio/speech',
      authorization: 'Bearer sk-test-speech',
      body: { model: 'gpt-4o-mini-tts', input: 'Hello there', voice: 'nova', response_format: 'opus' },
    });
    const wrong = build({ openai: { apiKey: 'sk-nope', baseUrl: openaiUrl }, edge: { enabled: false } }).service;
    await expect(wrong.convert({ text: 'hello' })).rejects.toMatchObject({ message: 'TTS conversion failed: openai: HTTP 401: Incorrect API key provided' });
  });

  it('names the network failure when the speech endpoint is down', async () => {
    const { service } = build({ openai: { apiKey: 'sk-test-speech', baseUrl: `http://127.0.0.1:${await closedPort()}/v1` }, edge: { enabled: false } });
    await expect(service.convert({ text: 'hello' })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'TTS conversion failed: openai: ECONNREFUSED' });
  });

  it('an unset ${VAR} key counts as missing, and an env SecretRef is read', () => {
    expect(readTtsSettings({ messages: { tts: { openai: { apiKey: '${MISSING_KEY}' } } } }, {}).openai.apiKey).toBeUndefined();
    expect(readTtsSettings({ messages: { tts: { elevenlabs: { apiKey: { source: 'env', provider: 'default', id: 'MY_XI' } } } } }, { MY_XI: 'xi' }).elevenlabs.apiKey).toBe('xi');
  });

  it('speaks with ElevenLabs: the voice in the path, the key in xi-api-key, opus for Telegram', async () => {
    const { service } = build({ provider: 'elevenlabs', elevenlabs: { apiKey: 'xi-good', baseUrl: elevenUrl, voiceId: 'voice/../x' } });
    const result = await service.convert({ text: 'Hi there', channel: 'telegram' });
    expect(result).toMatchObject({ provider: 'elevenlabs', outputFormat: 'opus_48000_64', voiceCompatible: true });
    expect(elevenRequests.at(-1)).toEqual({
      url: '/v1/text-to-speech/voice%2F..%2Fx?output_format=opus_48000_64',
      key: 'xi-good',
      body: { text: 'Hi there', model_id: 'eleven_multilingual_v2' },
    });
  });

  it('falls through failing providers and names every reason when all fail', async () => {
    const { service, stateDir } = build({ provider: 'elevenlabs', elevenlabs: { apiKey: 'xi-bad', baseUrl: elevenUrl }, openai: { apiKey: 'sk-bad', baseUrl: openaiUrl } });
    await expect(service.convert({ text: 'hello' })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'TTS conversion failed: elevenlabs: HTTP 401: Invalid API key; openai: HTTP 401: Incorrect API key provided; edge: edge is not reachable in tests',
    });
    expect(readdirSync(join(stateDir, 'tts')).filter((name) => name.startsWith('tts-'))).toEqual([]);
  });

  it('gives the Edge client escaped SSML text and the voice-note format, and says when it times out', async () => {
    const calls: { text: string; outputFormat: string }[] = [];
    const edge: EdgeSynthesizer = async (options, text, path) => {
      calls.push({ text, outputFormat: options.outputFormat });
      writeFileSync(path, FAKE_MP3);
    };
    const { service } = build({}, {}, edge);
    const result = await service.convert({ text: 'a < b & "c"</voice><voice name="x">', channel: 'telegram' });
    expect(result).toMatchObject({ provider: 'edge', outputFormat: 'ogg-24khz-16bit-mono-opus', voiceCompatible: true });
    expect(calls[0]?.text).toBe(escapeSsml('a < b & "c"</voice><voice name="x">'));
    expect(calls[0]?.text).not.toContain('<');

    const hanging = build({ timeoutMs: 50 }, {}, () => new Promise(() => undefined)).service;
    await expect(hanging.convert({ text: 'hello' })).rejects.toMatchObject({ message: 'TTS conversion failed: edge: no answer within 50 ms' });
  });

  it('refuses empty text and text over the limit before calling anyone', async () => {
    const { service } = build({ maxTextLength: 10 }, { OPENAI_API_KEY: 'sk' });
    const before = openai.requests.length;
    await expect(service.convert({ text: '   ' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(service.convert({ text: 'x'.repeat(11) })).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('the limit is 10') });
    expect(openai.requests.length).toBe(before);
  });

  it('prunes audio older than an hour', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-tts-prune-'));
    dirs.push(dir);
    mkdirSync(dir, { recursive: true });
    const old = join(dir, 'tts-old.mp3');
    writeFileSync(old, 'x');
    const past = (Date.now() - 2 * 60 * 60 * 1000) / 1000;
    utimesSync(old, past, past);
    await new AudioFiles(dir, Date.now).save(Buffer.from('new'), '.mp3');
    expect(readdirSync(dir).filter((name) => name === 'tts-old.mp3')).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
