/**
 * The page's address, read once at start: the gateway's base path (from the
 * `gatehouse-base-path` meta the gateway fills in) and the one-time login code of a
 * `gatehouse dashboard` link (`<origin><basePath>#code=<code>`). The code is taken out of the
 * address and the history entry at once, so it is never left in history, a bookmark or a
 * shared screenshot.
 */
export interface PageAddress {
  /** `ws://host:port/base/` or `wss://…` when the page is https. */
  socketUrl: string;
  basePath: string;
  loginCode?: string;
}

export function readPageAddress(location: Location, history: History, document: Document): PageAddress {
  const { socketUrl, basePath } = pageSocket(location, document);
  const code = loginCodeOf(location.hash);
  if (code !== undefined) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return { socketUrl, basePath, ...(code === undefined ? {} : { loginCode: code }) };
}

/** The gateway's socket for this page, read without touching the address (early-start.ts opens it). */
export function pageSocket(location: Location, document: Document): { socketUrl: string; basePath: string } {
  const basePath = normalisedBasePath(document.querySelector('meta[name="gatehouse-base-path"]')?.getAttribute('content'));
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { socketUrl: `${scheme}//${location.host}${basePath}`, basePath };
}

/** `#code=<code>` (also among other `&`-separated hash fields); undefined without one. */
export function loginCodeOf(hash: string): string | undefined {
  const fields = new URLSearchParams(hash.replace(/^#\/?/, ''));
  const code = fields.get('code')?.trim();
  return code === undefined || code === '' || code.length > 512 ? undefined : code;
}

function normalisedBasePath(value: string | null | undefined): string {
  const path = (value ?? '/').trim();
  if (!path.startsWith('/') || path.startsWith('//')) return '/';
  return path.endsWith('/') ? path : `${path}/`;
}
