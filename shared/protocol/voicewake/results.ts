import Type, { type Static } from 'typebox';

// Results of voicewake.get/set and the `voicewake.changed` payload: the same `{triggers}` shape.

export const VoicewakeTriggersSchema = Type.Object({
  triggers: Type.Array(Type.String({ minLength: 1 })),
});
export type VoicewakeTriggers = Static<typeof VoicewakeTriggersSchema>;

export const VoicewakeResults = {
  'voicewake.get': VoicewakeTriggersSchema,
  'voicewake.set': VoicewakeTriggersSchema,
} as const;
