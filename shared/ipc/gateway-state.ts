/**
 * The gateway's state as the companion sees it: what the tray shows and the panel reports.
 *
 * - `stopped`  – no gateway is running and the companion is not starting one.
 * - `starting` – the companion spawned a gateway and waits for it to become healthy.
 * - `running`  – a gateway the companion started is healthy.
 * - `attached` – a healthy gateway that someone else started owns the port; the companion
 *                uses it and never stops it.
 * - `degraded` – the gateway answers but reports a problem (for example a failing provider).
 * - `error`    – the gateway could not be started or crashed too often; needs the user.
 *
 * Shared by main and renderer, so it holds no Electron, Node or DOM imports.
 */
export const gatewayStates = ['stopped', 'starting', 'running', 'attached', 'degraded', 'error'] as const;

export type GatewayState = (typeof gatewayStates)[number];

export function isGatewayState(value: unknown): value is GatewayState {
  return typeof value === 'string' && (gatewayStates as readonly string[]).includes(value);
}
