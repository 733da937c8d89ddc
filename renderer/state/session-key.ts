/** Keys for new chat sessions: `chat-<timestamp>`, bumped past any key already in use. */
export function newSessionKey(nowMs: number, taken: ReadonlySet<string>): string {
  let stamp = Math.floor(nowMs);
  while (taken.has(`chat-${stamp}`)) stamp += 1;
  return `chat-${stamp}`;
}
