import Type from 'typebox';
import { compileParams } from '../validate.js';

// Params of update.run / update.status (methods.json; openclaw-families.md §8).

export const UpdateRunParams = compileParams(
  Type.Object({
    sessionKey: Type.Optional(Type.String({ maxLength: 512 })),
    note: Type.Optional(Type.String({ maxLength: 2_000 })),
    restartDelayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 3_600_000 })),
  }),
  { ignoredKeys: ['deliveryContext', 'continuationMessage', 'target'] },
);

export const UpdateStatusParams = compileParams(
  Type.Object({
    refreshCheckout: Type.Optional(Type.Boolean()),
  }),
);
