import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { GatewayError, invalidRequest } from '../../../shared/protocol/error-codes.js';
import {
  DevicePairApproveParams,
  DevicePairListParams,
  DevicePairRejectParams,
  DeviceTokenRevokeParams,
  DeviceTokenRotateParams,
} from '../../../shared/protocol/devices/params.js';
import { OPERATOR_SCOPES, scopeSatisfied, scopesCovered } from '../../../shared/protocol/scopes.js';
import { viewDevice } from '../../core/devices/device-pairing.js';
import { summarizeToken } from '../../core/devices/device-tokens.js';
import { missingScopeError } from '../../core/router/dispatch.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';
import type { Connection } from '../../core/server/connection.js';
import type { ClientSession } from '../../core/server/connection-contract.js';

function isAdmin(session: ClientSession): boolean {
  return scopeSatisfied(OPERATOR_SCOPES.admin, session.scopes);
}

function approverName(session: ClientSession): string {
  return session.client.displayName || session.client.id;
}

/** Spec §7.3: a caller without admin cannot hand out or manage more than it holds itself. */
function assertWithinCallerScopes(session: ClientSession, role: string, scopes: readonly string[]): void {
  if (isAdmin(session)) return;
  if (role !== 'operator') throw invalidRequest(`managing ${role} tokens requires operator.admin`);
  const beyond = scopes.filter((scope) => !scopeSatisfied(scope, session.scopes));
  if (beyond.length > 0) throw invalidRequest(`cannot grant scopes you do not hold: ${beyond.join(', ')}`);
}

/**
 * Spec §11 / methods.json: operator.pairing lets a device manage its own tokens; cutting off or
 * re-keying another device is an admin act. Answered like any missing scope (§7.4), so clients
 * that parse `missing scope: …` know what to ask for.
 */
function assertOwnDeviceOrAdmin(session: ClientSession, deviceId: string): void {
  if (isAdmin(session) || session.deviceId === deviceId) return;
  const shape = missingScopeError(OPERATOR_SCOPES.admin, session.protocol);
  throw new GatewayError(shape.code, shape.message, {
    details: { ...(shape.details as Record<string, unknown>), reason: "managing another device's token requires operator.admin" },
  });
}

function invalidate(services: Pick<FeatureContext, 'connections'>, deviceId: string, role: string, reason: string, caller: Connection): void {
  for (const connection of services.connections.forDevice(deviceId, role)) {
    if (connection === caller) continue;
    connection.close(CloseCode.clientInvalidated, `client invalidated: ${reason}`);
  }
}

export type DeviceContext = Pick<FeatureContext, 'devices' | 'store' | 'connections'>;

export function deviceMethods(services: DeviceContext): MethodDefinition[] {
  const { store } = services;
  const { pairing, tokens } = services.devices;
  return [
    defineMethod({
      name: 'device.pair.list',
      params: DevicePairListParams,
      handler: () => {
        const { pending, paired } = pairing.list();
        return {
          pending,
          paired: paired.map((device) => ({
            ...viewDevice(device),
            tokens: store.devices.tokens(device.deviceId).map(summarizeToken),
          })),
        };
      },
    }),
    defineMethod({
      name: 'device.pair.approve',
      params: DevicePairApproveParams,
      handler: ({ params, session }) => {
        const request = pairing.pendingRequest(params.requestId);
        if (!request) throw invalidRequest('unknown requestId', { requestId: params.requestId });
        assertWithinCallerScopes(session, 'operator', request.scopes);
        const device = pairing.approve(params.requestId, approverName(session));
        if (!device) throw invalidRequest('unknown requestId', { requestId: params.requestId });
        return { requestId: params.requestId, device: viewDevice(device) };
      },
    }),
    defineMethod({
      name: 'device.pair.reject',
      params: DevicePairRejectParams,
      handler: ({ params }) => {
        const request = pairing.reject(params.requestId);
        if (!request) throw invalidRequest('unknown requestId', { requestId: params.requestId });
        return { requestId: request.requestId, deviceId: request.deviceId };
      },
    }),
    defineMethod({
      name: 'device.token.rotate',
      params: DeviceTokenRotateParams,
      handler: ({ params, session, connection }) => {
        assertOwnDeviceOrAdmin(session, params.deviceId);
        const device = store.devices.get(params.deviceId);
        if (!device) throw invalidRequest('unknown deviceId', { deviceId: params.deviceId });
        if (!device.roles.includes(params.role)) {
          throw invalidRequest(`device is not paired for role ${params.role}; pair it for that role first`);
        }
        const scopes = params.role === 'operator' ? (params.scopes ?? tokens.get(device.deviceId, params.role)?.scopes ?? device.scopes) : [];
        if (!scopesCovered(scopes, device.scopes)) {
          throw invalidRequest("requested scopes exceed the device's approved scopes (approve a scope upgrade first)");
        }
        assertWithinCallerScopes(session, params.role, scopes);
        const minted = tokens.mint(device.deviceId, params.role, scopes, { rotation: true });
        invalidate(services, device.deviceId, params.role, 'device token rotated', connection);
        const ownToken =
          session.deviceId === device.deviceId && session.role === params.role && session.authMethod === 'device-token';
        const base = { deviceId: device.deviceId, role: params.role, scopes, rotatedAtMs: minted.issuedAtMs };
        if (ownToken) return { ...base, token: minted.token, tokenDelivery: 'in-band' };
        // Protocol 3 clients received the new token whoever asked; v4 withholds it across devices.
        if (session.protocol < 4) return { ...base, token: minted.token };
        return { ...base, tokenDelivery: 'withheld-cross-device' };
      },
    }),
    defineMethod({
      name: 'device.token.revoke',
      params: DeviceTokenRevokeParams,
      handler: ({ params, session, connection }) => {
        assertOwnDeviceOrAdmin(session, params.deviceId);
        const token = tokens.get(params.deviceId, params.role);
        if (!token || token.revokedAtMs !== undefined) {
          throw invalidRequest('no active token for that device and role', { deviceId: params.deviceId, role: params.role });
        }
        assertWithinCallerScopes(session, params.role, token.scopes);
        const revokedAtMs = tokens.revoke(params.deviceId, params.role);
        invalidate(services, params.deviceId, params.role, 'device token revoked', connection);
        if (session.deviceId === params.deviceId && session.role === params.role && session.authMethod === 'device-token') {
          // The caller's own credential is gone: answer first, then let it go.
          setImmediate(() => connection.close(CloseCode.clientInvalidated, 'client invalidated: device token revoked'));
        }
        return { deviceId: params.deviceId, role: params.role, revokedAtMs };
      },
    }),
  ];
}
