import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import which from 'which';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWav, soxInfo } from '../fixtures/wav-audio/index.js';
import type { GatewayProcess } from '../helpers/gateway-process.js';
import type { RawClient } from '../helpers/protocol-client.js';
import { startSystemVoiceGateway, type SystemVoiceGateway } from '../helpers/system-voice-gateway.js';

// The operating system's voice end to end: a gateway with no key at all picks it, and
// tts.convert writes a real audio file — checked by its WAV header, its samples and sox's soxi.
// The gateway's PATH holds espeak-ng and nothing else, so no ffmpeg: the audio stays WAV and the
// result says so. Only the CI machine is sure to have espeak-ng; elsewhere this is skipped.

const espeak = which.sync('espeak-ng', { nothrow: true });
if (!espeak) console.warn('voice-system.test.ts skipped: espeak-ng is not installed here (apt-get install espeak-ng sox libsox-fmt-all; .ci/run installs them)');

describe.skipIf(!espeak)('tts: the system voice (espeak-ng), offline and without a key', () => {
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

  it('chooses the system voice when no key is configured, and says what it found', async () => {
    const status = await admin.call('tts.status', {});
    expect(status).toMatchObject({
      provider: 'system',
      hasOpenAIKey: false,
      hasElevenLabsKey: false,
      systemVoice: { available: true, detail: `espeak-ng at ${join(voice.pathDir, 'espeak-ng')}; no ffmpeg on PATH, so the audio is WAV` },
    });
    const providers = await admin.call('tts.providers', {});
    expect(providers.active).toBe('system');
    expect(providers.providers.find((provider: { id: string }) => provider.id === 'system')).toMatchObject({ available: true, configured: true, name: 'System voice (no key, offline)' });
  });

  it('converts text into a real WAV file in the state dir, labelled as WAV', async () => {
    const result = await admin.call('tts.convert', { text: 'Hello from the gateway. This is the offline voice.', channel: 'telegram' });
    expect(result).toEqual({
      audioPath: expect.stringMatching(new RegExp(`^${join(gateway.stateDir, 'tts').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/tts-\\d+-[0-9a-f-]{36}\\.wav$`)),
      provider: 'system',
      outputFormat: 'wav',
      voiceCompatible: false,
      mimeType: 'audio/wav',
      fileExtension: '.wav',
      formatNote: 'WAV as espeak-ng wrote it: ffmpeg is not on PATH to make opus',
    });
    const wav = readWav(readFileSync(result.audioPath));
    expect(wav).toMatchObject({ sampleRate: 22050, channels: 1, bitsPerSample: 16 });
    expect(wav.durationSeconds).toBeGreaterThan(1);
    expect(wav.peak).toBeGreaterThan(0.05);
    const sox = soxInfo(result.audioPath);
    if (!sox) console.warn('voice-system.test.ts: soxi is not installed, so only the WAV header was checked');
    else expect(sox).toMatchObject({ sampleRate: 22050, channels: 1, durationSeconds: expect.closeTo(wav.durationSeconds, 1) });
  });

  it('refuses a voice that is not a voice name, saying why', async () => {
    const response = await admin.request('tts.convert', { text: 'hello', provider: 'system', voiceId: '-w' });
    expect(response.error).toMatchObject({ code: 'UNAVAILABLE', message: 'TTS conversion failed: system: "-w" is not a voice name' });
  });

  it('returns the audio itself for tts.speak, with its real MIME type', async () => {
    const spoken = await admin.call('tts.speak', { text: 'Speak this.' });
    expect(spoken).toMatchObject({ provider: 'system', outputFormat: 'wav', mimeType: 'audio/wav', fileExtension: '.wav' });
    expect(readWav(Buffer.from(spoken.audioBase64, 'base64')).durationSeconds).toBeGreaterThan(0.3);
  });
});
