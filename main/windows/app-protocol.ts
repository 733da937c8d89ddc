/**
 * Serves the built renderer from `app://gatehouse/` instead of `file://`, so our pages have a
 * real origin to pin navigation, CSP `'self'` and the IPC sender check to, and the
 * grantFileProtocolExtraPrivileges fuse can stay off.
 * https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { appScheme, resolveAppAsset } from './app-asset-path.js';

/** Must run before the app's `ready` event. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Call after `ready`. Serves files of `rendererDir` read-only; everything else is a 404. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405 });
    }
    const asset = resolveAppAsset(rendererDir, request.url);
    if (asset === null) return new Response(null, { status: 404 });
    try {
      const body = await readFile(asset.path);
      return new Response(request.method === 'HEAD' ? null : body, {
        headers: { 'content-type': asset.contentType, 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
