export const OPERATOR_SCOPES = {
  admin: 'operator.admin',
  read: 'operator.read',
  write: 'operator.write',
  approvals: 'operator.approvals',
  pairing: 'operator.pairing',
} as const;

export type OperatorScope = (typeof OPERATOR_SCOPES)[keyof typeof OPERATOR_SCOPES];

/** `node` = callable only by node-role connections; `none` = the handshake itself. */
export type MethodScope = OperatorScope | 'node' | 'none';

export const ROLES = ['operator', 'node'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return value === 'operator' || value === 'node';
}

/**
 * Spec §7.2: admin satisfies everything, write satisfies read; approvals and pairing are never
 * implied by write. Unknown operator.* scopes need an exact match.
 */
export function scopeSatisfied(required: string, granted: readonly string[]): boolean {
  if (granted.includes(required) || granted.includes(OPERATOR_SCOPES.admin)) return true;
  if (required === OPERATOR_SCOPES.read && granted.includes(OPERATOR_SCOPES.write)) return true;
  // v4 scopes satisfied by the v3 set (spec §7.2).
  if (required === 'operator.talk' || required === 'operator.sessions.write') {
    return granted.includes(OPERATOR_SCOPES.write);
  }
  if (required === 'operator.sessions.read') {
    return granted.includes(OPERATOR_SCOPES.write) || granted.includes(OPERATOR_SCOPES.read);
  }
  return false;
}

export function scopesCovered(requested: readonly string[], granted: readonly string[]): boolean {
  return requested.every((scope) => scopeSatisfied(scope, granted));
}

export const DEFAULT_OPERATOR_SCOPES: readonly string[] = [OPERATOR_SCOPES.admin];
