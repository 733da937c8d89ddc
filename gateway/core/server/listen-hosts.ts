/** Addresses that already take connections made to 127.0.0.1. */
const COVERS_LOOPBACK = new Set(['127.0.0.1', '0.0.0.0', '::', 'localhost']);

/**
 * Where the gateway listens for a bind host: that host, and loopback as well when the host alone
 * would shut out the machine itself (a tailnet or custom address). Local clients — the tray app,
 * `gatehouse gateway call`, an OpenClaw CLI — reach a personal gateway at 127.0.0.1 whatever it is
 * bound to for the network; such connections count as local, as they would with a loopback bind.
 */
export function listenHosts(host: string): string[] {
  return COVERS_LOOPBACK.has(host) ? [host] : [host, '127.0.0.1'];
}
