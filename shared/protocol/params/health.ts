import Type from 'typebox';
import { compileSchema } from '../validate.js';

export const HealthParams = compileSchema(Type.Object({ probe: Type.Optional(Type.Boolean()) }));
export const StatusParams = compileSchema(Type.Object({}));
export const SystemPresenceParams = compileSchema(Type.Object({}));
export const LastHeartbeatParams = compileSchema(Type.Object({}));
