import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { LoginCodes } from '../../core/devices/login-codes.js';
import { OPERATOR_SCOPES } from '../../../shared/protocol/scopes.js';
import { isEncrypted, safeHost } from './ui-headers.js';

/** What a login code grants: what the Control UI asks for at connect (an operator with every approval power). */
export const CONTROL_UI_GRANT = {
  role: 'operator',
  scopes: [OPERATOR_SCOPES.admin, OPERATOR_SCOPES.approvals, OPERATOR_SCOPES.pairing],
} as const;

/** The route's path below the base path; `gatehouse dashboard` and the tray post here. */
export const LOGIN_CODE_PATH = 'api/login-code';

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  // No CORS headers: no other site's page may read a code.
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(text);
}

/**
 * `POST <basePath>api/login-code`, behind the core's admin-bearer check (HttpRoute.auth):
 * mints a one-time code and answers `{code, expiresAtMs, url}`. The code travels in the URL's
 * fragment, which browsers never send to a server, so it stays out of every log.
 */
export function mintLoginCode(request: IncomingMessage, response: ServerResponse, deps: { basePath: string; loginCodes: LoginCodes; logger: Logger }): void {
  request.resume();
  const host = safeHost(request);
  if (!host) return sendJson(response, 400, { error: 'bad request: the Host header must name this gateway (host[:port])' });
  const minted = deps.loginCodes.mint(CONTROL_UI_GRANT);
  const url = `${isEncrypted(request) ? 'https' : 'http'}://${host}${deps.basePath}#code=${encodeURIComponent(minted.code)}`;
  deps.logger.info({ expiresAtMs: minted.expiresAtMs }, 'control ui login code minted');
  sendJson(response, 200, { code: minted.code, expiresAtMs: minted.expiresAtMs, url });
}
