import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describePeer } from '../../core/server/locality.js';
import { containedFile, contentTypeOf, isAppRoute, isHashedAsset, parseUiPath } from './static-files.js';
import { escapeAttribute, insecureContextPage, missingBundlePage } from './ui-pages.js';
import { isEncrypted, uiSecurityHeaders } from './ui-headers.js';

export interface UiRouteSettings {
  basePath: string;
  root: string;
}

const BASE_PATH_META = /<meta\s+name="gatehouse-base-path"\s+content="[^"]*"\s*\/?>/i;

/**
 * WebCrypto (the page's device key) exists only in a secure context: HTTPS, or a page the browser
 * loaded from localhost. A plain-HTTP request that is not from this machine gets the page that
 * says so instead of an app that cannot sign in.
 */
function secureEnough(request: IncomingMessage): boolean {
  if (isEncrypted(request)) return true;
  const peer = describePeer(request);
  return peer.local || (peer.loopbackSocket && request.headers['x-forwarded-proto'] === 'https');
}

function send(request: IncomingMessage, response: ServerResponse, status: number, body: Buffer | string, headers: Record<string, string>): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { ...uiSecurityHeaders(request), ...headers, 'content-length': String(bytes.length) });
  response.end(request.method === 'HEAD' ? undefined : bytes);
}

function sendPage(request: IncomingMessage, response: ServerResponse, status: number, html: string): void {
  send(request, response, status, html, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
}

function notFound(request: IncomingMessage, response: ServerResponse): void {
  send(request, response, 404, 'not found\n', { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
}

async function sendIndex(request: IncomingMessage, response: ServerResponse, settings: UiRouteSettings): Promise<void> {
  let html: string;
  try {
    html = await readFile(join(settings.root, 'index.html'), 'utf8');
  } catch {
    return sendPage(request, response, 503, missingBundlePage(settings.root));
  }
  // The page learns its base path from this tag (an inline script would break the CSP).
  const meta = `<meta name="gatehouse-base-path" content="${escapeAttribute(settings.basePath)}">`;
  const rendered = BASE_PATH_META.test(html) ? html.replace(BASE_PATH_META, meta) : html.replace(/<head([^>]*)>/i, `<head$1>${meta}`);
  send(request, response, 200, rendered, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
}

function acceptsHtml(request: IncomingMessage): boolean {
  const accept = request.headers.accept;
  // Browsers navigating send text/html; a script's fetch of a missing file gets its 404.
  return typeof accept === 'string' && accept.includes('text/html');
}

/** One GET/HEAD for the UI: a bundle file, index.html (with the SPA fallback), or why not. */
export async function serveUi(request: IncomingMessage, response: ServerResponse, path: string, settings: UiRouteSettings): Promise<void> {
  if (path === settings.basePath.slice(0, -1) && settings.basePath !== '/') {
    // "/ui" → "/ui/": relative asset URLs in index.html resolve against the folder.
    response.writeHead(308, { ...uiSecurityHeaders(request), location: settings.basePath, 'content-length': '0' });
    response.end();
    return;
  }
  if (!secureEnough(request)) return sendPage(request, response, 403, insecureContextPage());
  const target = parseUiPath(path, settings.basePath);
  if (target.kind === 'bad') {
    return send(request, response, 400, 'bad path\n', { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  }
  if (target.kind === 'index' || target.relative === 'index.html') return sendIndex(request, response, settings);
  const file = await containedFile(settings.root, target.relative);
  if (file) {
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return notFound(request, response);
    }
    const cache = isHashedAsset(target.relative) ? 'public, max-age=31536000, immutable' : 'no-cache';
    return send(request, response, 200, body, { 'content-type': contentTypeOf(file), 'cache-control': cache });
  }
  if (isAppRoute(target.relative) && acceptsHtml(request)) return sendIndex(request, response, settings);
  return notFound(request, response);
}
