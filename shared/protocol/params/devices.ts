import Type from 'typebox';
import { compileSchema } from '../validate.js';

const Id = Type.String({ minLength: 1, maxLength: 200 });

export const DevicePairListParams = compileSchema(Type.Object({}));
export const DevicePairApproveParams = compileSchema(Type.Object({ requestId: Id }));
export const DevicePairRejectParams = compileSchema(Type.Object({ requestId: Id }));
export const DeviceTokenRotateParams = compileSchema(
  Type.Object({
    deviceId: Id,
    role: Id,
    scopes: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 32 })),
  }),
);
export const DeviceTokenRevokeParams = compileSchema(Type.Object({ deviceId: Id, role: Id }));
