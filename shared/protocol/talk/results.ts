import Type, { type Static } from 'typebox';

// Results of the talk family and the `talk.mode` payload. Open objects (see health/results.ts).

/** `talk.mode` answers and broadcasts `{enabled, phase, ts}`; `phase` is null when none was given. */
export const TalkModeSchema = Type.Object({
  enabled: Type.Boolean(),
  phase: Type.Union([Type.String(), Type.Null()]),
  ts: Type.Integer({ minimum: 0 }),
});
export type TalkMode = Static<typeof TalkModeSchema>;

/** Root `talk` as a client needs it; `apiKey` only with includeSecrets, else redacted or absent. */
export const TalkConfigResultSchema = Type.Object({
  config: Type.Object({
    talk: Type.Optional(
      Type.Object({
        voiceId: Type.Optional(Type.String()),
        voiceAliases: Type.Optional(Type.Record(Type.String(), Type.String())),
        modelId: Type.Optional(Type.String()),
        outputFormat: Type.Optional(Type.String()),
        apiKey: Type.Optional(Type.String()),
        interruptOnSpeech: Type.Optional(Type.Boolean()),
      }),
    ),
    session: Type.Object({ mainKey: Type.String() }),
  }),
});
export type TalkConfigResult = Static<typeof TalkConfigResultSchema>;

const speakAudio = {
  audioBase64: Type.String({ minLength: 1 }),
  provider: Type.String({ minLength: 1 }),
  outputFormat: Type.String(),
  mimeType: Type.String(),
  fileExtension: Type.String(),
};

/** `tts.speak` (protocol 4): the audio itself, base64 (the reference shape has no voiceCompatible). */
export const TtsSpeakResultSchema = Type.Object(speakAudio);
export type TtsSpeakResult = Static<typeof TtsSpeakResultSchema>;

/** `talk.speak` (protocol 4): the same, plus whether it is a voice-note format. */
export const TalkSpeakResultSchema = Type.Object({ ...speakAudio, voiceCompatible: Type.Boolean() });
export type TalkSpeakResult = Static<typeof TalkSpeakResultSchema>;

export const TalkResults = {
  'talk.mode': TalkModeSchema,
  'talk.config': TalkConfigResultSchema,
  'talk.speak': TalkSpeakResultSchema,
} as const;
