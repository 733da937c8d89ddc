// The chat page's chunk (Markdown rendering, code highlighting) is fetched on first use. When the
// page opens on #chat, main.tsx starts the fetch at once, alongside connecting, and the lazy
// ChatWindow of WebShell then resolves from that same download instead of starting its own.

type ChatWindowModule = typeof import('../views/ChatWindow');

let pending: Promise<ChatWindowModule> | undefined;

export function loadChatWindowChunk(): Promise<ChatWindowModule> {
  pending ??= import('../views/ChatWindow').catch((error: unknown) => {
    // A failed fetch is not kept: the next attempt (a reload of the page view) tries again.
    pending = undefined;
    throw error;
  });
  return pending;
}
