import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A path a feature serves on the gateway's port. `prefix` routes match the path and everything
 * below it (`/ui` serves `/ui/app.js`); the handler owns the response, including its errors.
 */
export interface HttpRoute {
  readonly path: string;
  readonly prefix?: boolean;
  readonly methods: readonly ('GET' | 'HEAD' | 'POST')[];
  /**
   * 'gateway-secret': the core answers 401/429 unless `Authorization: Bearer` carries the shared
   * token or password (the admin credential), counting wrong ones in the auth limiter.
   */
  readonly auth?: 'gateway-secret';
  handle(request: IncomingMessage, response: ServerResponse, path: string): void | Promise<void>;
}

/** The route serving `path`: an exact match first, then the longest matching prefix. */
export function findRoute(routes: readonly HttpRoute[], path: string): HttpRoute | undefined {
  let best: HttpRoute | undefined;
  for (const route of routes) {
    if (route.path === path) return route;
    if (!route.prefix) continue;
    const base = route.path.endsWith('/') ? route.path : `${route.path}/`;
    if (path.startsWith(base) && (!best || route.path.length > best.path.length)) best = route;
  }
  return best;
}
