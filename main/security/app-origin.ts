/**
 * The one origin our windows load from: `app://gatehouse` when packaged or previewed, the
 * electron-vite dev server (`http://localhost:5173`) under `npm run dev`.
 *
 * Compared as scheme + host (host includes the port) rather than `URL.origin`, because WHATWG
 * URL reports the origin of a custom scheme such as `app:` as the opaque "null".
 */
export interface AppOrigin {
  /** For logs and messages, for example `app://gatehouse`. */
  readonly origin: string;
  /** True when `url` is on this origin. Malformed URLs are never on it. */
  contains(url: string): boolean;
}

export function appOriginOf(entryUrl: string): AppOrigin {
  const entry = new URL(entryUrl);
  if (entry.host === '') {
    // file:// and friends have no host to pin; we never serve the app from them.
    throw new Error(`app origin: ${entryUrl} has no host; serve the renderer from app:// or the dev server`);
  }
  const protocol = entry.protocol;
  const host = entry.host;
  return {
    origin: `${protocol}//${host}`,
    contains(url: string): boolean {
      const parsed = URL.parse(url);
      return parsed !== null && parsed.protocol === protocol && parsed.host === host;
    },
  };
}
