import Type from 'typebox';
import { compileParams } from '../validate.js';

// Params of the talk family (methods.json; openclaw-families.md §5). Talk itself runs in the
// client (speech to text, chat.send, speech); the gateway keeps the mode, the config and speech.

export const TalkModeParams = compileParams(
  Type.Object({
    enabled: Type.Boolean(),
    phase: Type.Optional(Type.String({ maxLength: 64 })),
  }),
);

export const TalkConfigParams = compileParams(
  Type.Object({
    /** The talk API key in clear; needs operator.admin (v4: operator.talk.secrets). */
    includeSecrets: Type.Optional(Type.Boolean()),
  }),
);

const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' });

export const TalkSpeakParams = compileParams(
  Type.Object({
    text: Type.String({ minLength: 1, maxLength: 16_384 }),
    voiceId: Type.Optional(Id),
    modelId: Type.Optional(Id),
    outputFormat: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
    speed: Type.Optional(Type.Number({ minimum: 0.25, maximum: 4 })),
  }),
  { ignoredKeys: ['rateWpm', 'stability', 'similarity', 'style', 'speakerBoost', 'seed', 'normalize', 'language', 'latencyTier'] },
);
