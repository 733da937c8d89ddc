import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoute } from '../../core/server/http-routes.js';
import { ChannelAccountError } from './channel-plugin.js';

/** Handles one webhook request of a running account; owns the response. */
export type WebhookHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Where a channel's webhooks are received by default (OpenClaw's `webhookPath` default). */
export const DEFAULT_WEBHOOK_PREFIX = '/telegram-webhook';

function answer(response: ServerResponse, status: number, error: string): void {
  if (response.headersSent) return;
  const body = JSON.stringify({ ok: false, error });
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  response.end(body);
}

function underDefaultPrefix(path: string): boolean {
  return path === DEFAULT_WEBHOOK_PREFIX || path.startsWith(`${DEFAULT_WEBHOOK_PREFIX}/`);
}

/**
 * The webhook paths of the running accounts (Telegram's webhook mode), served on the gateway's own
 * port. A path with no running account answers 503, so the sender (Telegram) keeps the update and
 * retries: an account that is stopped or restarting loses nothing.
 */
export class ChannelWebhooks {
  private readonly handlers = new Map<string, WebhookHandler>();
  /** The paths outside the default prefix the listener serves; undefined until routes() was asked (no HTTP listener). */
  private servedOutside: ReadonlySet<string> | undefined;

  /** Claims `path` for a running account; the returned function gives it back. */
  register(path: string, handler: WebhookHandler): () => void {
    // A path the listener does not route would leave the account "connected" while every post gets 404.
    if (this.servedOutside && !underDefaultPrefix(path) && !this.servedOutside.has(path)) {
      throw new ChannelAccountError(`webhook path ${path} was configured after the gateway started: restart the gateway to receive on it (paths under ${DEFAULT_WEBHOOK_PREFIX}/ need no restart)`, 'not-configured', true);
    }
    if (this.handlers.has(path)) throw new ChannelAccountError(`webhook path ${path} is already used by another account: give each account its own webhookPath`, 'error', true);
    this.handlers.set(path, handler);
    return () => {
      if (this.handlers.get(path) === handler) this.handlers.delete(path);
    };
  }

  /**
   * The routes on the gateway's port: everything under the default prefix, and the configured
   * paths outside it (read when the listener starts: a new path outside the prefix needs a restart).
   */
  routes(configuredPaths: readonly string[]): HttpRoute[] {
    const handle = (request: IncomingMessage, response: ServerResponse, path: string): Promise<void> => {
      const handler = this.handlers.get(path);
      if (!handler) {
        request.resume();
        answer(response, 503, 'no account is receiving on this path right now');
        return Promise.resolve();
      }
      return handler(request, response);
    };
    const outside = [...new Set(configuredPaths)].filter((path) => !underDefaultPrefix(path));
    this.servedOutside = new Set(outside);
    return [
      { path: DEFAULT_WEBHOOK_PREFIX, prefix: true, methods: ['POST'], handle },
      ...outside.map((path): HttpRoute => ({ path, methods: ['POST'], handle })),
    ];
  }
}
