import Type from 'typebox';
import { compileParams } from '../validate.js';

// Params of voicewake.get/set (methods.json; openclaw-families.md §5). OpenClaw keeps at most 32
// triggers of at most 64 characters; more is refused here rather than cut without a word.

export const VOICEWAKE_MAX_TRIGGERS = 32;
export const VOICEWAKE_MAX_TRIGGER_LENGTH = 64;

export const VoicewakeGetParams = compileParams(Type.Object({}));

export const VoicewakeSetParams = compileParams(
  Type.Object({
    /** An empty list (or only blank entries) restores the defaults. */
    triggers: Type.Array(Type.String({ maxLength: VOICEWAKE_MAX_TRIGGER_LENGTH }), { maxItems: VOICEWAKE_MAX_TRIGGERS }),
  }),
);
