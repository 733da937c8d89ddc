import Type from 'typebox';
import { compileParams } from '../validate.js';

const Id = Type.String({ minLength: 1, maxLength: 200 });

export const DevicePairListParams = compileParams(Type.Object({}));
export const DevicePairApproveParams = compileParams(Type.Object({ requestId: Id }));
export const DevicePairRejectParams = compileParams(Type.Object({ requestId: Id }));
export const DeviceTokenRotateParams = compileParams(
  Type.Object({
    deviceId: Id,
    role: Id,
    scopes: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 32 })),
  }),
);
export const DeviceTokenRevokeParams = compileParams(Type.Object({ deviceId: Id, role: Id }));
