/**
 * The browser Control UI's `client.id` in each generation of the protocol: protocol-3 builds
 * shipped it as Clawdbot and then Moltbot before the OpenClaw rename, and those UIs are still in
 * use. Every rule about "the Control UI" (local auto-pairing, the device identity it must present)
 * reads this one list, so a rename cannot leave one rule behind.
 */
export const CONTROL_UI_CLIENT_IDS: ReadonlySet<string> = new Set([
  'openclaw-control-ui',
  'clawdbot-control-ui',
  'moltbot-control-ui',
]);

export function isControlUiClient(clientId: string): boolean {
  return CONTROL_UI_CLIENT_IDS.has(clientId);
}
