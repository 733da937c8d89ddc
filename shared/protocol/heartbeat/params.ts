import Type from 'typebox';
import { compileParams } from '../validate.js';

// Params of the heartbeat methods (spec §13.3, methods.json `wake`, `set-heartbeats`,
// `last-heartbeat`). Closed like every params schema; protocol 4's WakeParams defines exactly
// these keys, so none are ignored.

const Key = Type.String({ minLength: 1, maxLength: 500 });

/** `wake`: queue `text` for the main session, then run a heartbeat now or leave it for the next one. */
export const WakeParams = compileParams(
  Type.Object({
    mode: Type.Union([Type.Literal('now'), Type.Literal('next-heartbeat')]),
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
    sessionKey: Type.Optional(Key),
    agentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  }),
);

/** `set-heartbeats`: the gateway-wide switch. */
export const SetHeartbeatsParams = compileParams(Type.Object({ enabled: Type.Boolean() }));

/** `last-heartbeat` takes nothing (the schema lives with the health family, which first served it). */
export { LastHeartbeatParams } from '../health/params.js';
