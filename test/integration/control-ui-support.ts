// Shared by the control-ui-*.test.ts files: a small built-UI fixture (the real bundle comes from
// `npm run build:control-ui`, which another part of the work adds), minting login codes over HTTP
// and connecting the way the browser page does.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDevice } from '../helpers/device-keys.js';
import { buildConnectParams, RawClient, type Frame } from '../helpers/protocol-client.js';

export const UI_SCOPES = ['operator.admin', 'operator.approvals', 'operator.pairing'];
export const HASHED_SCRIPT = 'assets/index-B7x2kQpZ.js';
export const HASHED_STYLE = 'assets/index-Dq81LmNa.css';

/** A built-UI folder: index.html with the base-path meta tag, two hashed assets, an icon, and a link out of the folder. */
export function makeUiBundle(): { root: string; outside: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-ui-'));
  const root = join(dir, 'control-ui');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(
    join(root, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><meta name="gatehouse-base-path" content="/"><script type="module" src="./${HASHED_SCRIPT}"></script><link rel="stylesheet" href="./${HASHED_STYLE}"></head><body><div id="root">fixture ui</div></body></html>`,
  );
  writeFileSync(join(root, HASHED_SCRIPT), 'document.getElementById("root").dataset.ready = "1";\n');
  writeFileSync(join(root, HASHED_STYLE), 'body { margin: 0 }\n');
  writeFileSync(join(root, 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
  const outside = join(dir, 'secret.txt');
  writeFileSync(outside, 'outside the bundle\n');
  symlinkSync(outside, join(root, 'assets', 'leak.txt'));
  return { root, outside: dir };
}

export function httpOrigin(wsUrl: string): string {
  return wsUrl.replace(/^ws/, 'http');
}

export async function mintCode(origin: string, bearer: string | undefined, basePath = '/'): Promise<Response> {
  return fetch(`${origin}${basePath}api/login-code`, {
    method: 'POST',
    headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
  });
}

export interface UiConnectOptions {
  device: TestDevice | null;
  bootstrapToken?: string;
  deviceToken?: string;
  /** The shared token (the sign-in form's pasted token). */
  token?: string;
  origin?: string;
  path?: string;
  scopes?: string[];
  role?: string;
  /** More upgrade headers (e.g. X-Forwarded-For: the socket then looks like it came from elsewhere). */
  headers?: Record<string, string>;
}

/** Connects as the browser Control UI does: its client id, protocol 4, the page's Origin. */
export async function connectAsUi(url: string, options: UiConnectOptions): Promise<{ client: RawClient; response: Frame }> {
  const headers = { ...options.headers, ...(options.origin ? { origin: options.origin } : {}) };
  const client = await RawClient.open(url, { headers, path: options.path });
  const challenge = await client.challenge();
  // The device signs whichever credential it sends (spec §9.3); the helper signs `deviceToken`,
  // so the login code is passed through that field and moved afterwards.
  const signed = options.bootstrapToken ?? options.deviceToken;
  const params = buildConnectParams(challenge, {
    device: options.device,
    client: { id: 'openclaw-control-ui', mode: 'webchat', platform: 'web', version: '1.0.0' },
    role: options.role ?? 'operator',
    scopes: options.scopes ?? UI_SCOPES,
    minProtocol: 3,
    maxProtocol: 4,
    ...(signed === undefined ? {} : { deviceToken: signed }),
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  if (options.bootstrapToken !== undefined) {
    delete params.auth.deviceToken;
    params.auth.bootstrapToken = options.bootstrapToken;
  }
  client.send({ type: 'req', id: 'connect-1', method: 'connect', params });
  const response = await client.response('connect-1');
  return { client, response };
}
