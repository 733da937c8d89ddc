import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatFake } from './chat-load.js';

/** Far above the measured messages' numbers (chat-load.ts counts from 1), so the two never mix. */
const FIRST_PRIMING_MARKER = 1_000_000_000;
/** Priming messages a second: quick, but not a burst that measures nothing useful. */
const PRIMING_PER_SECOND = 20;

/**
 * One message in each chat, every reply awaited, before anything is measured: the first message of
 * a chat creates its session (transcript, session record), which costs tens of milliseconds once
 * and is not what a conversation's messages cost. Without this, "1 message/s over 50 chats" for
 * 30 s measured 30 first messages — session creation, not the channel path.
 */
export async function primeChats(fake: ChatFake, chats: number, timeoutMs: number): Promise<void> {
  const waiting = new Set<number>();
  const stopListening = fake.onReply((text) => {
    const marker = /bench-(\d+)/.exec(text)?.[1];
    if (marker !== undefined) waiting.delete(Number(marker));
  });
  try {
    for (let chat = 0; chat < chats; chat += 1) {
      const marker = FIRST_PRIMING_MARKER + chat;
      waiting.add(marker);
      fake.send(chat, `hello bench-${marker}`);
      await sleep(1_000 / PRIMING_PER_SECOND);
    }
    for (const deadline = Date.now() + timeoutMs; waiting.size > 0; await sleep(20)) {
      if (Date.now() > deadline) throw new Error(`${waiting.size} of ${chats} chats got no reply to their first message within ${timeoutMs} ms`);
    }
  } finally {
    stopListening();
    fake.clear();
  }
}
