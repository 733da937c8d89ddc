/** The Control UI's identity on the wire (protocol §4.3 closed id set), the role it connects as and the scopes it asks for. */
export const CONTROL_UI_CLIENT = { id: 'openclaw-control-ui', mode: 'webchat', platform: 'web', displayName: 'Gatehouse Control UI' } as const;
export const CONTROL_UI_ROLE = 'operator';
export const CONTROL_UI_SCOPES = ['operator.admin', 'operator.approvals', 'operator.pairing'] as const;
