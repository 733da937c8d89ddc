import Type from 'typebox';
import { compileSchema } from '../validate.js';

const Raw = Type.String({ minLength: 1, maxLength: 2_000_000 });
const BaseHash = Type.Optional(Type.String({ minLength: 1, maxLength: 200 }));
const ApplyFields = {
  sessionKey: Type.Optional(Type.String()),
  note: Type.Optional(Type.String({ maxLength: 2_000 })),
  restartDelayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })),
};

export const ConfigGetParams = compileSchema(Type.Object({}));
export const ConfigSchemaParams = compileSchema(Type.Object({}));
export const ConfigSetParams = compileSchema(Type.Object({ raw: Raw, baseHash: BaseHash }));
export const ConfigApplyParams = compileSchema(Type.Object({ raw: Raw, baseHash: BaseHash, ...ApplyFields }));
export const ConfigPatchParams = compileSchema(
  Type.Object({
    raw: Raw,
    baseHash: BaseHash,
    replacePaths: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 256 })),
    ...ApplyFields,
  }),
);
