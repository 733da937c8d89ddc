import Type, { type Static } from 'typebox';
import { TtsSpeakResultSchema } from '../talk/results.js';

// Results of the tts family (openclaw-families.md §5). Open objects (see health/results.ts).

const ProviderId = Type.String({ minLength: 1 });

export const TtsStatusResultSchema = Type.Object({
  enabled: Type.Boolean(),
  auto: Type.Union([Type.Literal('off'), Type.Literal('always'), Type.Literal('inbound'), Type.Literal('tagged')]),
  provider: ProviderId,
  fallbackProvider: Type.Union([ProviderId, Type.Null()]),
  fallbackProviders: Type.Array(ProviderId),
  prefsPath: Type.String(),
  hasOpenAIKey: Type.Boolean(),
  hasElevenLabsKey: Type.Boolean(),
  edgeEnabled: Type.Boolean(),
  /** Gatehouse: the operating system's voice — found or not, and why not. */
  systemVoice: Type.Object({
    available: Type.Boolean(),
    detail: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String()),
  }),
});
export type TtsStatusResult = Static<typeof TtsStatusResultSchema>;

export const TtsProviderEntrySchema = Type.Object({
  id: ProviderId,
  name: Type.String(),
  configured: Type.Boolean(),
  models: Type.Array(Type.String()),
  voices: Type.Array(Type.String()),
  /** Gatehouse: it can speak now (a key, a program found); when not, `reason` says what to change. */
  available: Type.Optional(Type.Boolean()),
  detail: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});

export const TtsProvidersResultSchema = Type.Object({
  providers: Type.Array(TtsProviderEntrySchema),
  active: ProviderId,
});
export type TtsProvidersResult = Static<typeof TtsProvidersResultSchema>;

export const TtsEnabledResultSchema = Type.Object({ enabled: Type.Boolean() });
export const TtsSetProviderResultSchema = Type.Object({ provider: ProviderId });

/** The audio is a file in `<state dir>/tts/`; the gateway prunes old ones. */
export const TtsConvertResultSchema = Type.Object({
  audioPath: Type.String({ minLength: 1 }),
  provider: ProviderId,
  outputFormat: Type.String(),
  voiceCompatible: Type.Boolean(),
  /** Gatehouse: what the file really is (`audio/wav` when no converter was there). */
  mimeType: Type.Optional(Type.String()),
  fileExtension: Type.Optional(Type.String()),
  /** Why the audio is not in the format asked for (mp3, or opus for a voice note). */
  formatNote: Type.Optional(Type.String()),
});
export type TtsConvertResult = Static<typeof TtsConvertResultSchema>;

export const TtsResults = {
  'tts.status': TtsStatusResultSchema,
  'tts.providers': TtsProvidersResultSchema,
  'tts.enable': TtsEnabledResultSchema,
  'tts.disable': TtsEnabledResultSchema,
  'tts.setProvider': TtsSetProviderResultSchema,
  'tts.convert': TtsConvertResultSchema,
  'tts.speak': TtsSpeakResultSchema,
} as const;
