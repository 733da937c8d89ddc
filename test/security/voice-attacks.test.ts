import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import which from 'which';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiSpeech } from '../fixtures/openai-speech/index.js';
import { createTestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';
import { startSystemVoiceGateway, type SystemVoiceGateway } from '../helpers/system-voice-gateway.js';

// Attacks on voicewake, talk and tts: a read-only client changing them or spending the TTS key,
// oversized and malformed input, names that try to become paths or URLs, and a key leaking out.

describe('voice attacks', () => {
  let gateway: GatewayProcess;
  let speech: FakeOpenAiSpeech;
  let admin: RawClient;

  beforeAll(async () => {
    speech = new FakeOpenAiSpeech();
    const baseUrl = await speech.start();
    const config = { messages: { tts: { openai: { apiKey: 'sk-test-speech', baseUrl }, system: { enabled: false } } }, talk: { apiKey: 'talk-key-secret' } };
    gateway = await startGateway({ config: JSON.stringify(config), env: { OPENAI_API_KEY: undefined, ELEVENLABS_API_KEY: undefined, XI_API_KEY: undefined } });
    admin = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'admin-ui', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    await speech.stop();
    removeStateDir(gateway.stateDir);
  });

  async function deviceWith(scopes: string[]): Promise<RawClient> {
    const device = createTestDevice();
    const first = await connectClient(gateway.url, { token: gateway.token, device, scopes });
    first.client.close();
    return (await connectClient(gateway.url, { device, deviceToken: first.hello.auth.deviceToken as string, scopes })).client;
  }

  it('a read-only device reads voice settings but changes nothing and spends nothing', async () => {
    const reader = await deviceWith(['operator.read']);
    for (const method of ['voicewake.get', 'tts.status', 'tts.providers', 'talk.config']) expect((await reader.request(method, {})).ok, method).toBe(true);
    const calls = speech.requests.length;
    for (const [method, params] of [
      ['voicewake.set', { triggers: ['pwned'] }],
      ['tts.enable', {}],
      ['tts.disable', {}],
      ['tts.setProvider', { provider: 'edge' }],
      ['tts.setProvider', { provider: 'system' }],
      ['tts.convert', { text: 'use their machine', provider: 'system' }],
      ['tts.convert', { text: 'spend their key' }],
      ['tts.speak', { text: 'spend their key' }],
      ['talk.speak', { text: 'spend their key' }],
      ['talk.mode', { enabled: true }],
    ] as const) {
      expect((await reader.request(method, params)).error, method).toMatchObject({ details: { code: 'MISSING_SCOPE', missingScope: 'operator.write' } });
    }
    expect(speech.requests.length).toBe(calls);
    expect(await admin.call('voicewake.get', {})).toEqual({ triggers: ['openclaw', 'claude', 'computer'] });
    expect(JSON.stringify(await reader.call('talk.config', {}))).not.toContain('talk-key-secret');
    reader.close();
  });

  it.each([
    ['voicewake.set', {}],
    ['voicewake.set', { triggers: 'hey' }],
    ['voicewake.set', { triggers: Array.from({ length: 33 }, (_, i) => `w${i}`) }],
    ['voicewake.set', { triggers: ['x'.repeat(65)] }],
    ['voicewake.set', { triggers: [42] }],
    ['talk.mode', {}],
    ['talk.mode', { enabled: 'yes' }],
    ['talk.mode', { enabled: true, phase: 'p'.repeat(65) }],
    ['talk.config', { includeSecrets: 'true' }],
    ['tts.setProvider', { provider: 'https://evil.example/speech' }],
    ['tts.setProvider', { provider: '__proto__' }],
    ['tts.convert', {}],
    ['tts.convert', { text: '' }],
    ['tts.convert', { text: 'x'.repeat(16_385) }],
    ['tts.convert', { text: 'x', voiceId: '../../../etc/passwd' }],
    ['tts.convert', { text: 'x', voiceId: 'a?b=c&d' }],
    ['tts.convert', { text: 'x', modelId: 'm/../../admin' }],
    ['tts.convert', { text: 'x', channel: '../telegram' }],
    ['tts.convert', { text: 'x', provider: 'file' }],
    ['tts.speak', { text: 'x', voiceId: 'nova' }],
    ['talk.speak', { text: 'x', speed: 100 }],
    ['talk.speak', { text: 'x', outputFormat: 'mp3;rm -rf' }],
  ])('%s refuses %j and calls no provider', async (method, params) => {
    const calls = speech.requests.length;
    const response = await admin.request(method, params);
    expect(response.error?.code).toBe('INVALID_REQUEST');
    expect(speech.requests.length).toBe(calls);
  });

  it('writes audio only inside <state dir>/tts under its own names, and keeps the TTS key out of every answer', async () => {
    const result = await admin.call('tts.convert', { text: 'hello', channel: 'Telegram' });
    expect(result.audioPath.startsWith(join(gateway.stateDir, 'tts'))).toBe(true);
    expect(readdirSync(join(gateway.stateDir, 'tts')).every((name) => /^tts-\d+-[0-9a-f-]{36}\.(mp3|opus)$/.test(name))).toBe(true);
    expect(admin.rawTexts.some((text) => text.includes('sk-test-speech'))).toBe(false);
    expect(speech.requests.at(-1)?.authorization).toBe('Bearer sk-test-speech');
  });

  it('a replayed voicewake.set changes nothing more, and prototype keys pollute nothing', async () => {
    await admin.call('voicewake.set', { triggers: ['one'] });
    expect(await admin.call('voicewake.set', { triggers: ['one'] })).toEqual({ triggers: ['one'] });
    expect(existsSync(join(gateway.stateDir, 'settings', 'voicewake.json'))).toBe(true);
    const response = await admin.request('voicewake.set', JSON.parse('{"triggers":["a"],"__proto__":{"polluted":true}}'));
    expect(response.error?.code).toBe('INVALID_REQUEST');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await admin.call('voicewake.set', { triggers: [] });
  });
});

const espeak = which.sync('espeak-ng', { nothrow: true });
if (!espeak) console.warn('voice-attacks.test.ts: the system voice attacks are skipped: espeak-ng is not installed here');

describe.skipIf(!espeak)('system voice attacks (espeak-ng)', () => {
  let voice: SystemVoiceGateway;
  let gateway: GatewayProcess;
  let admin: RawClient;

  beforeAll(async () => {
    voice = await startSystemVoiceGateway(espeak as string);
    ({ gateway, admin } = voice);
  });
  afterAll(async () => {
    await voice?.stop();
  });

  it('text is only ever spoken: shell syntax and option-like words run nothing and write nothing', async () => {
    const marker = join(gateway.stateDir, 'pwned');
    const result = await admin.call('tts.convert', { text: `--version -w ${marker} $(touch ${marker}) \`touch ${marker}\` ; touch ${marker}` });
    expect(result).toMatchObject({ provider: 'system', outputFormat: 'wav' });
    expect(existsSync(marker)).toBe(false);
    expect(readdirSync(join(gateway.stateDir, 'tts')).every((name) => /^tts-\d+-[0-9a-f-]{36}\.wav$/.test(name))).toBe(true);
  });

  it('a voice that reads as an option is refused before the program runs', async () => {
    for (const voiceId of ['-w', '--stdout', '-f']) {
      const response = await admin.request('tts.convert', { text: 'hello', provider: 'system', voiceId });
      expect(response.error, voiceId).toMatchObject({ code: 'UNAVAILABLE', message: `TTS conversion failed: system: "${voiceId}" is not a voice name` });
    }
  });
});
