import Type from 'typebox';
import { compileParams } from '../validate.js';

// Params of the tts family (methods.json; openclaw-families.md §5).

/** `system` is the operating system's own voice (say, SAPI, espeak-ng): no key, works offline. */
export const TTS_PROVIDER_IDS = ['openai', 'elevenlabs', 'edge', 'system'] as const;
export type TtsProviderId = (typeof TTS_PROVIDER_IDS)[number];

/** Texts longer than `messages.tts.maxTextLength` (default 4096) are refused by the service. */
export const TTS_TEXT_HARD_LIMIT = 16_384;

const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' });
/** v4 calls the keyless Edge voice `microsoft`; both names mean it. */
const ProviderName = Type.Union([Type.Literal('openai'), Type.Literal('elevenlabs'), Type.Literal('edge'), Type.Literal('microsoft'), Type.Literal('system')]);

export const TtsStatusParams = compileParams(Type.Object({}));
export const TtsProvidersParams = compileParams(Type.Object({}));
export const TtsEnableParams = compileParams(Type.Object({}));
export const TtsDisableParams = compileParams(Type.Object({}));

export const TtsSetProviderParams = compileParams(Type.Object({ provider: ProviderName }));

export const TtsConvertParams = compileParams(
  Type.Object({
    text: Type.String({ minLength: 1, maxLength: TTS_TEXT_HARD_LIMIT }),
    /** The channel the audio is for: `telegram` gets a voice-note format (opus). */
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
    provider: Type.Optional(ProviderName),
    modelId: Type.Optional(Id),
    voiceId: Type.Optional(Id),
  }),
);

export const TtsSpeakParams = compileParams(Type.Object({ text: Type.String({ minLength: 1, maxLength: TTS_TEXT_HARD_LIMIT }) }));
