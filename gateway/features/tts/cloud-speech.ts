import type { CloudSpeechCall } from './ai-sdk-speech.js';
import { encodedAudio, type SpeechProvider } from './speech-provider.js';
import { speechFailure, SpeechError } from './speech-response.js';

// OpenAI and ElevenLabs speech through the AI SDK (@ai-sdk/openai's and @ai-sdk/elevenlabs's
// speech models), loaded on first use.

type AiSdkSpeech = typeof import('./ai-sdk-speech.js');
let aiSdk: Promise<AiSdkSpeech> | undefined;
const loadAiSdk = (): Promise<AiSdkSpeech> => (aiSdk ??= import('./ai-sdk-speech.js'));

async function callProvider(provider: 'openai' | 'elevenlabs', call: CloudSpeechCall): Promise<Buffer> {
  try {
    const sdk = await loadAiSdk();
    return await (provider === 'openai' ? sdk.openAiSpeech(call) : sdk.elevenLabsSpeech(call));
  } catch (error) {
    throw speechFailure(error, provider, call.timeoutMs);
  }
}

const OPENAI_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer', 'verse'];

export const openaiSpeech: SpeechProvider = {
  id: 'openai',
  name: 'OpenAI',
  availability: (settings) =>
    settings.openai.apiKey !== undefined ? { available: true } : { available: false, reason: 'no API key (messages.tts.openai.apiKey or OPENAI_API_KEY)' },
  models: (settings) => [...new Set([settings.openai.model, 'gpt-4o-mini-tts', 'tts-1', 'tts-1-hd'])],
  voices: (settings) => [...new Set([settings.openai.voice, ...OPENAI_VOICES])],
  async synthesize(settings, request) {
    const { apiKey, baseUrl, model, voice } = settings.openai;
    if (!apiKey) throw new SpeechError('openai: no API key (messages.tts.openai.apiKey or OPENAI_API_KEY)');
    const format = request.opus ? 'opus' : 'mp3';
    const audio = await callProvider('openai', {
      apiKey,
      baseUrl,
      model: request.model ?? model,
      voice: request.voice ?? voice,
      outputFormat: format,
      ...(request.speed !== undefined ? { speed: Math.min(4, Math.max(0.25, request.speed)) } : {}),
      text: request.text,
      timeoutMs: request.timeoutMs,
    });
    return encodedAudio(audio, format, request.opus);
  },
};

export const elevenLabsSpeech: SpeechProvider = {
  id: 'elevenlabs',
  name: 'ElevenLabs',
  availability: (settings) =>
    settings.elevenlabs.apiKey !== undefined
      ? { available: true }
      : { available: false, reason: 'no API key (messages.tts.elevenlabs.apiKey, ELEVENLABS_API_KEY or XI_API_KEY)' },
  models: (settings) => [...new Set([settings.elevenlabs.modelId, 'eleven_multilingual_v2', 'eleven_turbo_v2_5', 'eleven_flash_v2_5'])],
  voices: (settings) => [settings.elevenlabs.voiceId],
  async synthesize(settings, request) {
    const { apiKey, baseUrl, modelId, voiceId } = settings.elevenlabs;
    if (!apiKey) throw new SpeechError('elevenlabs: no API key (messages.tts.elevenlabs.apiKey or ELEVENLABS_API_KEY)');
    const format = request.opus ? 'opus_48000_64' : 'mp3_44100_128';
    const audio = await callProvider('elevenlabs', {
      apiKey,
      baseUrl,
      model: request.model ?? modelId,
      voice: request.voice ?? voiceId,
      outputFormat: format,
      ...(request.speed !== undefined ? { speed: Math.min(1.2, Math.max(0.7, request.speed)) } : {}),
      text: request.text,
      timeoutMs: request.timeoutMs,
    });
    return encodedAudio(audio, format, request.opus);
  },
};
