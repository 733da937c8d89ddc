import type { TtsProviderId } from '../../../shared/protocol/tts/params.js';
import { httpFailure, networkFailure, readAudio, SpeechError } from './speech-response.js';
import type { TtsSettings } from './tts-settings.js';

/** One synthesis: the text and the voice-note choice (opus for Telegram, mp3 otherwise). */
export interface SpeechRequest {
  text: string;
  opus: boolean;
  voice?: string;
  model?: string;
  /** 1 = normal; OpenAI 0.25–4, ElevenLabs 0.7–1.2 (clamped), Edge as a rate percentage. */
  speed?: number;
  timeoutMs: number;
}

export interface SpeechAudio {
  audio: Buffer;
  outputFormat: string;
  extension: string;
  mimeType: string;
}

/** Synthesizes with Microsoft Edge's online voices into `path` (node-edge-tts; injectable for tests). */
export type EdgeSynthesizer = (
  options: { voice: string; lang: string; outputFormat: string; proxy?: string; rate?: string; timeoutMs: number },
  text: string,
  path: string,
) => Promise<void>;

export interface SpeechProvider {
  readonly id: TtsProviderId;
  readonly name: string;
  configured(settings: TtsSettings): boolean;
  models(settings: TtsSettings): string[];
  voices(settings: TtsSettings): string[];
  synthesize(settings: TtsSettings, request: SpeechRequest): Promise<SpeechAudio>;
}

async function post(provider: string, url: string, init: RequestInit, timeoutMs: number): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, method: 'POST', redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw networkFailure(error, provider, timeoutMs);
  }
  if (!response.ok) throw await httpFailure(response, provider);
  try {
    return await readAudio(response, provider);
  } catch (error) {
    throw networkFailure(error, provider, timeoutMs);
  }
}

const OPENAI_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer', 'verse'];

export const openaiSpeech: SpeechProvider = {
  id: 'openai',
  name: 'OpenAI',
  configured: (settings) => settings.openai.apiKey !== undefined,
  models: (settings) => [...new Set([settings.openai.model, 'gpt-4o-mini-tts', 'tts-1', 'tts-1-hd'])],
  voices: (settings) => [...new Set([settings.openai.voice, ...OPENAI_VOICES])],
  async synthesize(settings, request) {
    const { apiKey, baseUrl, model, voice } = settings.openai;
    if (!apiKey) throw new SpeechError('openai: no API key (messages.tts.openai.apiKey or OPENAI_API_KEY)');
    const format = request.opus ? 'opus' : 'mp3';
    const body = {
      model: request.model ?? model,
      input: request.text,
      voice: request.voice ?? voice,
      response_format: format,
      ...(request.speed !== undefined ? { speed: Math.min(4, Math.max(0.25, request.speed)) } : {}),
    };
    const audio = await post('openai', `${baseUrl}/audio/speech`, {
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }, request.timeoutMs);
    return { audio, outputFormat: format, extension: request.opus ? '.opus' : '.mp3', mimeType: request.opus ? 'audio/ogg' : 'audio/mpeg' };
  },
};

export const elevenLabsSpeech: SpeechProvider = {
  id: 'elevenlabs',
  name: 'ElevenLabs',
  configured: (settings) => settings.elevenlabs.apiKey !== undefined,
  models: (settings) => [...new Set([settings.elevenlabs.modelId, 'eleven_multilingual_v2', 'eleven_turbo_v2_5', 'eleven_flash_v2_5'])],
  voices: (settings) => [settings.elevenlabs.voiceId],
  async synthesize(settings, request) {
    const { apiKey, baseUrl, modelId, voiceId } = settings.elevenlabs;
    if (!apiKey) throw new SpeechError('elevenlabs: no API key (messages.tts.elevenlabs.apiKey or ELEVENLABS_API_KEY)');
    const format = request.opus ? 'opus_48000_64' : 'mp3_44100_128';
    const voice = encodeURIComponent(request.voice ?? voiceId);
    const body = {
      text: request.text,
      model_id: request.model ?? modelId,
      ...(request.speed !== undefined ? { voice_settings: { speed: Math.min(1.2, Math.max(0.7, request.speed)) } } : {}),
    };
    const audio = await post('elevenlabs', `${baseUrl}/v1/text-to-speech/${voice}?output_format=${format}`, {
      headers: { 'xi-api-key': apiKey, 'content-type': 'application/json', accept: 'audio/*' },
      body: JSON.stringify(body),
    }, request.timeoutMs);
    return { audio, outputFormat: format, extension: request.opus ? '.opus' : '.mp3', mimeType: request.opus ? 'audio/ogg' : 'audio/mpeg' };
  },
};

/** SSML is XML: the text goes in as character data, never as markup. */
export function escapeSsml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] ?? char);
}

/** The Edge voice (no key): node-edge-tts writes the audio to a file, which is read back here. */
export function edgeSpeech(synthesize: EdgeSynthesizer, scratchPath: () => string, readAndRemove: (path: string) => Promise<Buffer>): SpeechProvider {
  return {
    id: 'edge',
    name: 'Microsoft Edge (no key)',
    configured: (settings) => settings.edge.enabled,
    models: () => [],
    voices: (settings) => [settings.edge.voice],
    async synthesize(settings, request) {
      if (!settings.edge.enabled) throw new SpeechError('edge: disabled (messages.tts.edge.enabled is false)');
      const outputFormat = request.opus ? 'ogg-24khz-16bit-mono-opus' : 'audio-24khz-48kbitrate-mono-mp3';
      const path = scratchPath();
      const rate = request.speed !== undefined ? `${Math.round((Math.min(2, Math.max(0.5, request.speed)) - 1) * 100)}%` : undefined;
      const options = {
        voice: request.voice ?? settings.edge.voice,
        lang: settings.edge.lang,
        outputFormat,
        timeoutMs: request.timeoutMs,
        ...(settings.edge.proxy ? { proxy: settings.edge.proxy } : {}),
        ...(rate ? { rate: rate.startsWith('-') ? rate : `+${rate}` } : {}),
      };
      let timer: NodeJS.Timeout | undefined;
      try {
        // node-edge-tts has no deadline while connecting; this one covers the whole call.
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new SpeechError(`edge: no answer within ${request.timeoutMs} ms`)), request.timeoutMs);
        });
        await Promise.race([synthesize(options, escapeSsml(request.text), path), deadline]);
      } catch (error) {
        await readAndRemove(path).catch(() => undefined);
        throw networkFailure(typeof error === 'string' ? new SpeechError(`edge: ${error}`) : error, 'edge', request.timeoutMs);
      } finally {
        clearTimeout(timer);
      }
      const audio = await readAndRemove(path);
      if (audio.length === 0) throw new SpeechError('edge: empty audio');
      return { audio, outputFormat, extension: request.opus ? '.ogg' : '.mp3', mimeType: request.opus ? 'audio/ogg' : 'audio/mpeg' };
    },
  };
}

/** node-edge-tts, loaded on first use (most gateways never speak). */
export const nodeEdgeTts: EdgeSynthesizer = async (options, text, path) => {
  const { EdgeTTS } = await import('node-edge-tts');
  const client = new EdgeTTS({
    voice: options.voice,
    lang: options.lang,
    outputFormat: options.outputFormat,
    timeout: options.timeoutMs,
    ...(options.proxy ? { proxy: options.proxy } : {}),
    ...(options.rate ? { rate: options.rate } : {}),
  });
  await client.ttsPromise(text, path);
};
