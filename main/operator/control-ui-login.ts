/**
 * The tray's "Open Control UI": mints a one-time login code from the gateway with the shared
 * token main already holds, and opens the browser on the signed-in URL. The browser never sees
 * the token; the code works once, within 60 s. A gateway serving TLS is reached over a connection
 * pinned to the fingerprint it published in its lock file.
 */
import { lockFilePath, readLockOwner } from '../../shared/gateway-host/lock-file.js';
import { LoginCodeError, requestLoginCode, type LoginCode, type LoginCodeRequest } from '../../shared/gateway-host/login-code-client.js';

export interface ControlUiGateway {
  /** The gateway's WebSocket URL (`ws://127.0.0.1:18789`, or `wss://…` with TLS). */
  url: string;
  /** The shared token (or password): the only credential the login-code route takes. */
  secret: string;
  /** A local gateway's state dir: its lock file names the TLS fingerprint to pin. None for a remote one. */
  stateDir?: string;
  /** `gateway.controlUi.basePath`; "/" unless configured. */
  basePath?: string;
}

export interface ControlUiLoginPorts {
  /** The platform's "open this URL" (Electron's shell.openExternal in the app). */
  openExternal(url: string): Promise<void>;
  /** Tests and the app use the real client; a different one may be handed in. */
  requestLoginCode?: (request: LoginCodeRequest) => Promise<LoginCode>;
}

export type ControlUiLoginResult = { ok: true; url: string } | { ok: false; message: string };

export async function openControlUi(gateway: ControlUiGateway, ports: ControlUiLoginPorts): Promise<ControlUiLoginResult> {
  const tlsFingerprint = gateway.stateDir === undefined ? undefined : readLockOwner(lockFilePath(gateway.stateDir))?.tlsFingerprint;
  let url: string;
  try {
    ({ url } = await (ports.requestLoginCode ?? requestLoginCode)({
      // A gateway that published a certificate fingerprint serves TLS on its one port.
      gatewayUrl: tlsFingerprint ? gateway.url.replace(/^ws:/, 'wss:') : gateway.url,
      basePath: gateway.basePath ?? '/',
      secret: gateway.secret,
      ...(tlsFingerprint ? { tlsFingerprint } : {}),
    }));
  } catch (error) {
    const reason = error instanceof LoginCodeError ? error.message : String(error);
    return { ok: false, message: `Could not open the Control UI: ${reason}` };
  }
  try {
    await ports.openExternal(url);
  } catch (error) {
    return { ok: false, message: `Could not start a browser for the Control UI (${(error as Error).message}).` };
  }
  return { ok: true, url };
}
