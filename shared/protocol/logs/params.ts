import Type from 'typebox';
import { compileParams } from '../validate.js';

export const LogsTailParams = compileParams(
  Type.Object({
    cursor: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
    maxBytes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  }),
);
