/**
 * Work the page can start before the rest of the bundle is evaluated: main.tsx imports this
 * module first, so its body runs ahead of React, the views and the protocol schemas (a few
 * hundred milliseconds of CPU in Chromium's profile of a navigation on a slow machine). While
 * that evaluation runs, the browser's own threads:
 * - open the gateway socket and take the gateway's challenge (early-socket.ts), so the session's
 *   first connect needs one round trip instead of three;
 * - read the device key, then the device token, from IndexedDB, so the connect can be signed at once;
 * - landing on chat, fetch the chat page's chunk (Markdown, highlighting). Chromium dispatches that
 *   fetch once the evaluation task ends, so it overlaps with React's first render. (A modulepreload
 *   link in index.html, fetching it beside the entry, measured no faster to a usable chat and would
 *   make every page's first load fetch the chat page too.)
 */
import { loadChatWindowChunk } from './chat-chunk';
import { CONTROL_UI_CLIENT, CONTROL_UI_ROLE } from './control-ui-client';
import { loadDeviceIdentity } from './device-identity';
import { prefetchDeviceToken } from './device-token-store';
import { openEarlySocket } from './early-socket';
import { pageSocket } from './sign-in-link';
import { pageFromHash } from './web-pages';

// A failure shows where the result is used: the lazy chat page, and the session's start.
if (pageFromHash(window.location.hash) === 'chat') loadChatWindowChunk().catch(() => undefined);
loadDeviceIdentity().then(
  (identity) => prefetchDeviceToken({ clientId: CONTROL_UI_CLIENT.id, deviceId: identity.deviceId, role: CONTROL_UI_ROLE }),
  () => undefined,
);
// Only in a secure context: elsewhere the page cannot sign in and shows why instead.
if (globalThis.isSecureContext) openEarlySocket(pageSocket(window.location, document).socketUrl);
