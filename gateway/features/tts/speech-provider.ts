import type { TtsProviderId } from '../../../shared/protocol/tts/params.js';
import type { TtsSettings } from './tts-settings.js';

/** One synthesis: the text and the voice-note choice (opus for Telegram, mp3 otherwise). */
export interface SpeechRequest {
  text: string;
  opus: boolean;
  voice?: string;
  model?: string;
  /** 1 = normal; OpenAI 0.25–4, ElevenLabs 0.7–1.2 (clamped), Edge and the system voice as a rate. */
  speed?: number;
  timeoutMs: number;
}

export interface SpeechAudio {
  audio: Buffer;
  outputFormat: string;
  extension: string;
  mimeType: string;
  /** Why the audio is not in the format asked for (the system voice without ffmpeg gives WAV). */
  formatNote?: string;
}

/** Whether a provider can speak now, and when not, what a person would change. */
export type ProviderAvailability = { available: true; detail?: string } | { available: false; reason: string };

export interface SpeechProvider {
  readonly id: TtsProviderId;
  readonly name: string;
  availability(settings: TtsSettings): ProviderAvailability;
  models(settings: TtsSettings): string[];
  voices(settings: TtsSettings): string[];
  synthesize(settings: TtsSettings, request: SpeechRequest): Promise<SpeechAudio>;
}

/** mp3 or a voice note (Ogg/Opus), as the cloud providers deliver them. */
export function encodedAudio(audio: Buffer, outputFormat: string, opus: boolean): SpeechAudio {
  return { audio, outputFormat, extension: opus ? '.opus' : '.mp3', mimeType: opus ? 'audio/ogg' : 'audio/mpeg' };
}
