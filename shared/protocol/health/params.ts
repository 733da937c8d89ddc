import Type from 'typebox';
import { compileParams } from '../validate.js';

export const HealthParams = compileParams(Type.Object({ probe: Type.Optional(Type.Boolean()) }));
export const StatusParams = compileParams(Type.Object({}));
export const SystemPresenceParams = compileParams(Type.Object({}));
export const LastHeartbeatParams = compileParams(Type.Object({}));
