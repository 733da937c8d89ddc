/**
 * Maps an `app://gatehouse/...` request to a file inside the built renderer folder, or to
 * nothing. Pure, so the traversal rules are tested without Electron.
 */
import { extname, resolve, sep } from 'node:path';

export const appScheme = 'app';
export const appHost = 'gatehouse';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface AppAsset {
  path: string;
  contentType: string;
}

/** Returns null for other hosts, malformed URLs, encoded separators, and paths outside `rootDir`. */
export function resolveAppAsset(rootDir: string, requestUrl: string): AppAsset | null {
  const url = URL.parse(requestUrl);
  if (url === null || url.protocol !== `${appScheme}:` || url.host !== appHost) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // A decoded backslash or NUL has no business in a web path (and `\` is a separator on Windows).
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';

  const root = resolve(rootDir);
  const path = resolve(root, `.${pathname}`);
  if (!path.startsWith(root + sep)) return null;

  const contentType = contentTypes[extname(path).toLowerCase()];
  if (contentType === undefined) return null;
  return { path, contentType };
}
