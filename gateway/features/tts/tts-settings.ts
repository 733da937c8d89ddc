import type { TtsProviderId } from '../../../shared/protocol/tts/params.js';
import { isPlainObject, type JsonObject } from '../../core/config/object-paths.js';
import { isSecretRef } from '../../core/config/secret-refs.js';

// `messages.tts` (openclaw-families.md §5, correction 8), validated by the config schema
// (core/config/schema/messages.ts). Each key is still read only when it has the right type, so
// that a bare object (as in the unit tests) reads the same; anything else means its default.

export type TtsAutoMode = 'off' | 'always' | 'inbound' | 'tagged';

export interface TtsSettings {
  auto: TtsAutoMode;
  /** `messages.tts.enabled` (OpenClaw's older switch); undefined when unset. */
  enabled: boolean | undefined;
  provider: TtsProviderId | undefined;
  maxTextLength: number;
  timeoutMs: number;
  openai: { apiKey: string | undefined; model: string; voice: string; baseUrl: string };
  elevenlabs: { apiKey: string | undefined; voiceId: string; modelId: string; baseUrl: string };
  edge: { enabled: boolean; voice: string; lang: string; proxy: string | undefined };
  /** The operating system's voice (say, SAPI, espeak-ng); `voice` is the program's own voice name. */
  system: { enabled: boolean; voice: string | undefined };
}

export const TTS_DEFAULTS = {
  maxTextLength: 4_096,
  timeoutMs: 30_000,
  openaiModel: 'gpt-4o-mini-tts',
  openaiVoice: 'alloy',
  openaiBaseUrl: 'https://api.openai.com/v1',
  elevenlabsModel: 'eleven_multilingual_v2',
  elevenlabsVoice: 'pMsXgVXv3BLzUgSXRplE',
  elevenlabsBaseUrl: 'https://api.elevenlabs.io',
  edgeVoice: 'en-US-MichelleNeural',
  edgeLang: 'en-US',
} as const;

function section(value: unknown, key: string): JsonObject {
  return isPlainObject(value) && isPlainObject(value[key]) ? value[key] : {};
}

/** A usable string: not blank, not an unset `${VAR}` left in place. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && !/\$\{[A-Z_][A-Z0-9_]*\}/.test(value) ? value.trim() : undefined;
}

/** A plain or `${VAR}` key, or an env SecretRef; other refs are not resolved here. */
function secret(value: unknown, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (isSecretRef(value)) return value.source === 'env' ? text(env[value.id]) : undefined;
  return text(value);
}

function positiveInt(value: unknown, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? Math.min(value, max) : fallback;
}

export function normalizeProvider(value: unknown): TtsProviderId | undefined {
  if (value === 'microsoft') return 'edge';
  return value === 'openai' || value === 'elevenlabs' || value === 'edge' || value === 'system' ? value : undefined;
}

/** Reads `messages.tts` from the loaded config; keys fall back to OPENAI_API_KEY / ELEVENLABS_API_KEY / XI_API_KEY. */
export function readTtsSettings(resolved: unknown, env: Readonly<Record<string, string | undefined>>): TtsSettings {
  const tts = section(section(resolved, 'messages'), 'tts');
  const openai = section(tts, 'openai');
  const elevenlabs = section(tts, 'elevenlabs');
  const edge = isPlainObject(tts.edge) ? tts.edge : section(tts, 'microsoft');
  const system = section(tts, 'system');
  const auto = tts.auto === 'always' || tts.auto === 'inbound' || tts.auto === 'tagged' || tts.auto === 'off' ? tts.auto : 'off';
  return {
    auto,
    enabled: typeof tts.enabled === 'boolean' ? tts.enabled : undefined,
    provider: normalizeProvider(tts.provider),
    maxTextLength: positiveInt(tts.maxTextLength, TTS_DEFAULTS.maxTextLength, 16_384),
    timeoutMs: positiveInt(tts.timeoutMs, TTS_DEFAULTS.timeoutMs, 120_000),
    openai: {
      apiKey: secret(openai.apiKey, env) ?? text(env.OPENAI_API_KEY),
      model: text(openai.model) ?? TTS_DEFAULTS.openaiModel,
      voice: text(openai.voice) ?? TTS_DEFAULTS.openaiVoice,
      baseUrl: (text(openai.baseUrl) ?? text(env.OPENAI_TTS_BASE_URL) ?? TTS_DEFAULTS.openaiBaseUrl).replace(/\/+$/, ''),
    },
    elevenlabs: {
      apiKey: secret(elevenlabs.apiKey, env) ?? text(env.ELEVENLABS_API_KEY) ?? text(env.XI_API_KEY),
      voiceId: text(elevenlabs.voiceId) ?? TTS_DEFAULTS.elevenlabsVoice,
      modelId: text(elevenlabs.modelId) ?? TTS_DEFAULTS.elevenlabsModel,
      baseUrl: (text(elevenlabs.baseUrl) ?? TTS_DEFAULTS.elevenlabsBaseUrl).replace(/\/+$/, ''),
    },
    edge: {
      enabled: edge.enabled !== false,
      voice: text(edge.voice) ?? TTS_DEFAULTS.edgeVoice,
      lang: text(edge.lang) ?? TTS_DEFAULTS.edgeLang,
      proxy: text(edge.proxy),
    },
    system: { enabled: system.enabled !== false, voice: text(system.voice) },
  };
}
