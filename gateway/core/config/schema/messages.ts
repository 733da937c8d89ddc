import Type from 'typebox';
import { oneOf, section, secretInput } from './primitives.js';

// openclaw-families.md §5 and correction 8: text to speech lives under `messages.tts`. The
// features read these per use, so the defaults below are the ones tts-settings.ts applies.

export const TTS_AUTO_MODES = ['off', 'always', 'inbound', 'tagged'] as const;
/** The providers Gatehouse speaks with; `microsoft` is OpenClaw v4's name for the Edge voice. */
export const IMPLEMENTED_TTS_PROVIDERS: ReadonlySet<string> = new Set(['openai', 'elevenlabs', 'edge', 'microsoft', 'system']);

const TtsOpenAiSchema = section({
  apiKey: Type.Optional(secretInput('OpenAI key for speech; falls back to OPENAI_API_KEY.')),
  model: Type.Optional(Type.String({ description: 'Speech model; default gpt-4o-mini-tts.' })),
  voice: Type.Optional(Type.String({ description: 'Voice; default alloy.' })),
  baseUrl: Type.Optional(
    Type.String({ pattern: '^https?://', description: 'API root; default https://api.openai.com/v1 (or OPENAI_TTS_BASE_URL).' }),
  ),
});

const TtsElevenLabsSchema = section(
  {
    apiKey: Type.Optional(secretInput('ElevenLabs key; falls back to ELEVENLABS_API_KEY, then XI_API_KEY.')),
    voiceId: Type.Optional(Type.String({ description: 'Voice id; default pMsXgVXv3BLzUgSXRplE.' })),
    modelId: Type.Optional(Type.String({ description: 'Model; default eleven_multilingual_v2.' })),
    baseUrl: Type.Optional(Type.String({ pattern: '^https?://', description: 'API root; default https://api.elevenlabs.io.' })),
  },
  { ignored: ['seed', 'applyTextNormalization', 'languageCode', 'voiceSettings'] },
);

const TtsEdgeSchema = section(
  {
    enabled: Type.Optional(Type.Boolean({ description: 'Keyless Microsoft Edge voice as a provider; default true.' })),
    voice: Type.Optional(Type.String({ description: 'Voice; default en-US-MichelleNeural.' })),
    lang: Type.Optional(Type.String({ description: 'Language; default en-US.' })),
    proxy: Type.Optional(Type.String({ description: 'HTTP proxy for the Edge service.' })),
  },
  { ignored: ['outputFormat', 'pitch', 'rate', 'volume', 'saveSubtitles', 'timeoutMs'] },
);

/** Gatehouse: the operating system's voice (say on macOS, SAPI on Windows, espeak-ng on Linux). */
const TtsSystemSchema = section({
  enabled: Type.Optional(Type.Boolean({ description: 'Use the operating system voice (offline, no key) when its program is installed; default true.' })),
  voice: Type.Optional(Type.String({ description: 'The program\'s voice name (espeak-ng: en-us; say: Samantha; SAPI: Microsoft Zira Desktop); default the system\'s.' })),
});

export const TtsSchema = section(
  {
    auto: Type.Optional(oneOf(TTS_AUTO_MODES, 'When replies are spoken automatically; default off.')),
    enabled: Type.Optional(Type.Boolean({ description: 'Older on/off switch; `auto` is preferred.' })),
    // OpenClaw takes any plugin's provider id here, so an id Gatehouse lacks loads with a warning.
    provider: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'openai, elevenlabs, system or edge (microsoft); default the first with a key (OpenAI, ElevenLabs), else the system voice when installed, else Edge.',
      }),
    ),
    maxTextLength: Type.Optional(Type.Integer({ minimum: 1, description: 'Longest text spoken, in characters; default 4096 (at most 16384 is used).' })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 120000, description: 'Per-request timeout; default 30000.' })),
    openai: Type.Optional(TtsOpenAiSchema),
    elevenlabs: Type.Optional(TtsElevenLabsSchema),
    edge: Type.Optional(TtsEdgeSchema),
    microsoft: Type.Optional(TtsEdgeSchema),
    system: Type.Optional(TtsSystemSchema),
  },
  { ignored: ['mode', 'summaryModel', 'modelOverrides', 'prefsPath', 'persona', 'personas', 'providers'] },
);

/** Only `tts` is implemented; OpenClaw's reply-shaping keys load with a warning. */
export const MessagesSchema = section(
  { tts: Type.Optional(TtsSchema) },
  {
    ignored: [
      'messagePrefix', 'responsePrefix', 'groupChat', 'queue', 'inbound', 'ackReaction',
      'ackReactionScope', 'removeAckAfterReply', 'statusReactions', 'suppressToolErrors',
    ],
  },
);
