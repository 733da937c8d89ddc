/**
 * Work the page can start before the rest of the bundle is evaluated: main.tsx imports this
 * module first, so its body runs ahead of React, the views and the protocol schemas (over 200 ms
 * of CPU in Chromium's profile of a navigation). The device key is read from IndexedDB now, on
 * the browser's own threads while the bundle evaluates, so the socket opens as soon as the
 * session starts instead of after that read. Landing on chat, the chat page's chunk (Markdown,
 * highlighting) is asked for now too; Chromium dispatches that fetch only once the evaluation
 * task ends, so it overlaps with React's first render rather than with the evaluation.
 */
import { loadChatWindowChunk } from './chat-chunk';
import { loadDeviceIdentity } from './device-identity';
import { pageFromHash } from './web-pages';

// A failure shows where the result is used: the lazy chat page, and the session's start.
if (pageFromHash(window.location.hash) === 'chat') loadChatWindowChunk().catch(() => undefined);
loadDeviceIdentity().catch(() => undefined);
