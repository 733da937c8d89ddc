import { ErrorCode, GatewayError, invalidRequest } from '../../../shared/protocol/error-codes.js';
import type { TtsProviderId } from '../../../shared/protocol/tts/params.js';
import type { TtsConvertResult, TtsProvidersResult, TtsStatusResult } from '../../../shared/protocol/tts/results.js';
import type { AudioFiles } from './audio-files.js';
import type { ProviderAvailability, SpeechAudio, SpeechProvider } from './speech-provider.js';
import type { TtsPrefsFile } from './tts-prefs.js';
import type { TtsSettings } from './tts-settings.js';

/**
 * The order providers are tried in when nothing is chosen, and fallbacks after the chosen one:
 * OpenClaw's (a key for OpenAI, then ElevenLabs, then the keyless Edge voice; research note §5),
 * with the operating system's own voice before Edge — it works offline and the text never leaves
 * the machine — whenever its program is installed.
 */
export const PROVIDER_ORDER: readonly TtsProviderId[] = ['openai', 'elevenlabs', 'system', 'edge'];

/** Channels whose voice notes must be opus (OpenClaw's `voiceCompatible`). */
const OPUS_CHANNELS: ReadonlySet<string> = new Set(['telegram']);

export interface SpeakOptions {
  text: string;
  channel?: string;
  provider?: TtsProviderId;
  voice?: string;
  model?: string;
  speed?: number;
  /** Overrides the channel's choice. */
  opus?: boolean;
}

export interface TtsServiceDeps {
  settings(): TtsSettings;
  prefs: TtsPrefsFile;
  files: AudioFiles;
  providers: readonly SpeechProvider[];
}

/**
 * Text to speech (openclaw-families.md §5). The provider is the user's choice (prefs), else the
 * config's, else the first of PROVIDER_ORDER that can speak (OpenAI with a key, ElevenLabs with
 * a key, the system voice when its program is installed), else the keyless Edge voice; a failing
 * provider falls through to the other available ones, and when all fail the error names each
 * one's reason.
 */
export class TtsService {
  constructor(private readonly deps: TtsServiceDeps) {}

  private provider(id: TtsProviderId): SpeechProvider {
    const found = this.deps.providers.find((provider) => provider.id === id);
    if (!found) throw new Error(`no speech provider ${id}`);
    return found;
  }

  private availability(id: TtsProviderId, settings: TtsSettings): ProviderAvailability {
    const found = this.deps.providers.find((provider) => provider.id === id);
    return found ? found.availability(settings) : { available: false, reason: 'not part of this gateway' };
  }

  active(settings = this.deps.settings()): TtsProviderId {
    const chosen = this.deps.prefs.read().provider ?? settings.provider;
    if (chosen) return chosen;
    return PROVIDER_ORDER.find((id) => id !== 'edge' && this.availability(id, settings).available) ?? 'edge';
  }

  private fallbacks(primary: TtsProviderId, settings: TtsSettings): TtsProviderId[] {
    return PROVIDER_ORDER.filter((id) => id !== primary && this.availability(id, settings).available);
  }

  status(): TtsStatusResult {
    const settings = this.deps.settings();
    const provider = this.active(settings);
    const fallbackProviders = this.fallbacks(provider, settings);
    return {
      enabled: this.enabled(settings),
      auto: settings.auto,
      provider,
      fallbackProvider: fallbackProviders[0] ?? null,
      fallbackProviders,
      prefsPath: this.deps.prefs.path,
      hasOpenAIKey: settings.openai.apiKey !== undefined,
      hasElevenLabsKey: settings.elevenlabs.apiKey !== undefined,
      edgeEnabled: settings.edge.enabled,
      systemVoice: this.availability('system', settings),
    };
  }

  /** The auto mode replies are spoken by: `messages.tts.auto`, and off while TTS is disabled. */
  autoMode(settings = this.deps.settings()): TtsSettings['auto'] {
    return this.enabled(settings) ? settings.auto : 'off';
  }

  maxTextLength(): number {
    return this.deps.settings().maxTextLength;
  }

  enabled(settings = this.deps.settings()): boolean {
    return this.deps.prefs.read().enabled ?? settings.enabled ?? settings.auto !== 'off';
  }

  providers(): TtsProvidersResult {
    const settings = this.deps.settings();
    return {
      providers: PROVIDER_ORDER.filter((id) => this.deps.providers.some((provider) => provider.id === id)).map((id) => {
        const provider = this.provider(id);
        const availability = provider.availability(settings);
        return { id, name: provider.name, configured: availability.available, models: provider.models(settings), voices: provider.voices(settings), ...availability };
      }),
      active: this.active(settings),
    };
  }

  async setEnabled(enabled: boolean): Promise<{ enabled: boolean }> {
    await this.deps.prefs.update({ enabled });
    return { enabled };
  }

  async setProvider(provider: TtsProviderId): Promise<{ provider: TtsProviderId }> {
    await this.deps.prefs.update({ provider });
    return { provider };
  }

  /** Synthesizes and saves the audio in the state dir; returns its path. */
  async convert(options: SpeakOptions): Promise<TtsConvertResult> {
    const { provider, audio } = await this.synthesize(options);
    const audioPath = await this.deps.files.save(audio.audio, audio.extension);
    return {
      audioPath,
      provider,
      outputFormat: audio.outputFormat,
      voiceCompatible: audio.mimeType === 'audio/ogg',
      mimeType: audio.mimeType,
      fileExtension: audio.extension,
      ...(audio.formatNote ? { formatNote: audio.formatNote } : {}),
    };
  }

  /** Synthesizes and returns the audio itself. */
  async synthesize(options: SpeakOptions): Promise<{ provider: TtsProviderId; audio: SpeechAudio }> {
    const settings = this.deps.settings();
    const text = options.text.trim();
    if (text === '') throw invalidRequest('tts: the text is empty');
    if (text.length > settings.maxTextLength) {
      throw invalidRequest(`tts: the text is ${text.length} characters; the limit is ${settings.maxTextLength} (messages.tts.maxTextLength)`);
    }
    const primary = options.provider ?? this.active(settings);
    const order = [primary, ...this.fallbacks(primary, settings)];
    const opus = options.opus ?? (options.channel !== undefined && OPUS_CHANNELS.has(options.channel.toLowerCase()));
    const reasons: string[] = [];
    for (const id of order) {
      // A voice or model named for one provider means nothing to another.
      const own = id === primary;
      try {
        const audio = await this.provider(id).synthesize(settings, {
          text,
          opus,
          timeoutMs: settings.timeoutMs,
          ...(own && options.voice ? { voice: options.voice } : {}),
          ...(own && options.model ? { model: options.model } : {}),
          ...(options.speed !== undefined ? { speed: options.speed } : {}),
        });
        return { provider: id, audio };
      } catch (error) {
        reasons.push(error instanceof Error ? error.message : String(error));
      }
    }
    throw new GatewayError(ErrorCode.unavailable, `TTS conversion failed: ${reasons.join('; ')}`, { retryable: true, details: { providers: order, reasons } });
  }
}
