/**
 * Who answered an approval or added an allowlist entry, as the connection proved it: the device
 * id the handshake verified and the client id of that session. A client's own display name is
 * kept only as a label, never as the identity, because any client may choose any name.
 */
export interface ApprovalActor {
  /** Set when the connection proved a device key; absent for token-only connections. */
  deviceId?: string;
  clientId: string;
  authMethod: string;
  /** The client's chosen display name: for showing, never for deciding who it was. */
  label?: string;
}

/** The identity recorded as `resolvedBy` / `addedBy`. */
export function actorId(actor: ApprovalActor): string {
  return actor.deviceId ? `device:${actor.deviceId}` : `client:${actor.clientId}`;
}

export function parseActor(json: string | null | undefined): ApprovalActor | undefined {
  if (!json) return undefined;
  try {
    const value = JSON.parse(json) as Partial<ApprovalActor>;
    if (typeof value.clientId !== 'string' || typeof value.authMethod !== 'string') return undefined;
    return {
      clientId: value.clientId,
      authMethod: value.authMethod,
      ...(typeof value.deviceId === 'string' ? { deviceId: value.deviceId } : {}),
      ...(typeof value.label === 'string' ? { label: value.label } : {}),
    };
  } catch {
    return undefined;
  }
}
