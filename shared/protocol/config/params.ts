import Type from 'typebox';
import { compileParams } from '../validate.js';
import { PROTOCOL4_IGNORED_KEYS } from '../protocol4-ignored-keys.js';

const Raw = Type.String({ minLength: 1, maxLength: 2_000_000 });
// config.get answers `hash: null` when no file exists; clients echo it back (config-write.ts decides).
const BaseHash = Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]));
const ApplyFields = {
  sessionKey: Type.Optional(Type.String()),
  note: Type.Optional(Type.String({ maxLength: 2_000 })),
  restartDelayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })),
};

export const ConfigGetParams = compileParams(Type.Object({}));
export const ConfigSchemaParams = compileParams(Type.Object({}));
export const ConfigSetParams = compileParams(Type.Object({ raw: Raw, baseHash: BaseHash }));
export const ConfigApplyParams = compileParams(Type.Object({ raw: Raw, baseHash: BaseHash, ...ApplyFields }), { ignoredKeys: PROTOCOL4_IGNORED_KEYS.ConfigApplyParams });
export const ConfigPatchParams = compileParams(
  Type.Object({
    raw: Raw,
    baseHash: BaseHash,
    replacePaths: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 256 })),
    ...ApplyFields,
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.ConfigPatchParams },
);
