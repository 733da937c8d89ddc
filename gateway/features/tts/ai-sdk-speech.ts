import { createElevenLabs } from '@ai-sdk/elevenlabs';
import { createOpenAI } from '@ai-sdk/openai';
import { generateSpeech } from 'ai';
import { speechFetch } from './speech-fetch.js';

// Loaded on first use (cloud-speech.ts imports it dynamically): the AI SDK and its providers are
// a bundle chunk of their own, so a gateway that never speaks never reads them.

/** The origin @ai-sdk/elevenlabs 3.x always calls; speechFetch swaps in the configured one. */
const ELEVENLABS_ORIGIN = 'https://api.elevenlabs.io';

export interface CloudSpeechCall {
  apiKey: string;
  baseUrl: string;
  model: string;
  voice: string;
  /** The provider's own format name (`mp3`, `opus`, `mp3_44100_128`, `opus_48000_64`). */
  outputFormat: string;
  speed?: number;
  text: string;
  timeoutMs: number;
}

/**
 * `generateSpeech` (ai ≥ 7; `experimental_generateSpeech` is its deprecated alias) with one
 * attempt — the service falls through to the next provider instead of retrying — and a deadline
 * over the whole call, body included.
 */
async function speak(model: Parameters<typeof generateSpeech>[0]['model'], call: CloudSpeechCall): Promise<Buffer> {
  const result = await generateSpeech({
    model,
    text: call.text,
    voice: call.voice,
    outputFormat: call.outputFormat,
    ...(call.speed !== undefined ? { speed: call.speed } : {}),
    maxRetries: 0,
    abortSignal: AbortSignal.timeout(call.timeoutMs),
  });
  return Buffer.from(result.audio.uint8Array);
}

export function openAiSpeech(call: CloudSpeechCall): Promise<Buffer> {
  const provider = createOpenAI({ apiKey: call.apiKey, baseURL: call.baseUrl, fetch: speechFetch('openai') });
  return speak(provider.speech(call.model), call);
}

export function elevenLabsSpeech(call: CloudSpeechCall): Promise<Buffer> {
  const provider = createElevenLabs({ apiKey: call.apiKey, fetch: speechFetch('elevenlabs', { from: ELEVENLABS_ORIGIN, to: call.baseUrl }) });
  // The SDK puts the voice into the URL path as it is.
  return speak(provider.speech(call.model), { ...call, voice: encodeURIComponent(call.voice) });
}
