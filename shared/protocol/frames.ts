import Type, { type Static } from 'typebox';
import { ErrorShapeSchema } from './error-codes.js';
import { compileSchema } from './validate.js';

// Inbound frames are lenient about unknown top-level fields (spec §3.2).
export const RequestFrameSchema = Type.Object({
  type: Type.Literal('req'),
  id: Type.String({ minLength: 1 }),
  method: Type.String({ minLength: 1 }),
  params: Type.Optional(Type.Unknown()),
  traceparent: Type.Optional(Type.String({ maxLength: 128 })),
  expectedProfileId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
});
export type RequestFrame = Static<typeof RequestFrameSchema>;

export const StateVersionSchema = Type.Object({
  presence: Type.Integer({ minimum: 0 }),
  health: Type.Integer({ minimum: 0 }),
});
export type StateVersion = Static<typeof StateVersionSchema>;

export const ResponseFrameSchema = Type.Object({
  type: Type.Literal('res'),
  id: Type.String({ minLength: 1 }),
  ok: Type.Boolean(),
  payload: Type.Optional(Type.Unknown()),
  error: Type.Optional(ErrorShapeSchema),
});
export type ResponseFrame = Static<typeof ResponseFrameSchema>;

export const EventFrameSchema = Type.Object({
  type: Type.Literal('event'),
  event: Type.String({ minLength: 1 }),
  payload: Type.Optional(Type.Unknown()),
  seq: Type.Optional(Type.Integer({ minimum: 0 })),
  stateVersion: Type.Optional(StateVersionSchema),
});
export type EventFrame = Static<typeof EventFrameSchema>;

export const requestFrameValidator = compileSchema(RequestFrameSchema);
export const responseFrameValidator = compileSchema(ResponseFrameSchema);
export const eventFrameValidator = compileSchema(EventFrameSchema);
