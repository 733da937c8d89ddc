import Type from 'typebox';
import { section, secretInput, stringMap } from './primitives.js';

// openclaw-families.md §5: root `talk`, handed to talk clients by `talk.config`. Nothing has a
// gateway-side default: a client uses its own when a key is unset.

export const TalkSchema = section(
  {
    voiceId: Type.Optional(Type.String({ description: 'ElevenLabs voice the client speaks with.' })),
    voiceAliases: Type.Optional(stringMap(Type.String({ description: 'Voice id this name stands for.' }))),
    modelId: Type.Optional(Type.String({ description: 'ElevenLabs model.' })),
    outputFormat: Type.Optional(Type.String({ description: 'Audio format the client asks for, e.g. mp3_44100_128.' })),
    apiKey: Type.Optional(secretInput('ElevenLabs key for talk clients; talk.config shows it only to an admin who asks.')),
    interruptOnSpeech: Type.Optional(Type.Boolean({ description: 'Stop speaking when the user starts talking.' })),
  },
  {
    ignored: [
      'agentId', 'provider', 'providers', 'realtime', 'consultThinkingLevel', 'consultFastMode',
      'speechLocale', 'silenceTimeoutMs',
    ],
  },
);
