import type { TranscriptMessage } from './transcript-repository.js';

/** What one session's cached live transcript holds. */
export interface CachedContext {
  /** The live rows, oldest first; read-only (deep-frozen), shared by every caller. */
  readonly messages: readonly TranscriptMessage[];
  /** The highest id among `messages`, 0 when there are none. */
  readonly lastId: number;
}

export interface ContextCacheLimits {
  /** Sessions kept at most; the least recently read goes first. */
  maxSessions: number;
  /**
   * Estimated heap bytes kept at most over all sessions, so memory stays bounded whatever the
   * messages carry (a pasted image is megabytes of base64). A session larger than this on its own
   * is not kept.
   */
  maxBytes: number;
}

/**
 * 64 sessions covers the conversations a gateway serves at once (the chat load profile: 50 of
 * ~200 rows); 16 MiB holds those at ~1.2 KB a row. The soak's chats each start a new session and
 * read no history, so they leave it empty.
 */
export const DEFAULT_CONTEXT_CACHE_LIMITS: ContextCacheLimits = { maxSessions: 64, maxBytes: 16 * 1024 * 1024 };

/**
 * A parsed row's heap beyond its JSON text: the row and part objects, and its own copies of the
 * session key, session id and run id (measured: ~420 bytes a row, whatever its length).
 */
const ROW_OVERHEAD_BYTES = 420;

/** What `messages`, whose stored JSON (content + meta) is `jsonChars` long, cost the heap. */
function estimatedBytes(messages: readonly TranscriptMessage[], jsonChars: number): number {
  return jsonChars + messages.length * ROW_OVERHEAD_BYTES;
}

interface Entry {
  sessionId: string;
  messages: TranscriptMessage[];
  lastId: number;
  bytes: number;
}

/**
 * The live transcripts TranscriptRepository.context() read last, so the next read of a session
 * parses only the rows added since. A bounded LRU keyed by session key: a key has one live
 * session id at a time, so a new id (a reset, a cron run) replaces the old one's entry.
 *
 * It trusts nothing on its own: the repository checks every entry against the database before
 * using it and decides when it may be filled (transcript-repository.ts, `context`).
 */
export class TranscriptContextCache {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly limits: ContextCacheLimits = DEFAULT_CONTEXT_CACHE_LIMITS) {}

  /** Sessions held now. */
  get size(): number {
    return this.entries.size;
  }

  get(sessionKey: string, sessionId: string): CachedContext | undefined {
    const entry = this.entries.get(sessionKey);
    if (!entry || entry.sessionId !== sessionId) return undefined;
    this.entries.delete(sessionKey);
    this.entries.set(sessionKey, entry);
    return entry;
  }

  /** Replaces the session's entry with `messages` (oldest first), whose stored JSON is `jsonChars` long. */
  set(sessionKey: string, sessionId: string, messages: readonly TranscriptMessage[], jsonChars: number): void {
    this.forget(sessionKey);
    const bytes = estimatedBytes(messages, jsonChars);
    if (bytes > this.limits.maxBytes) return;
    this.entries.set(sessionKey, { sessionId, messages: [...messages], lastId: messages.at(-1)?.id ?? 0, bytes });
    this.bytes += bytes;
    this.evictOverLimits();
  }

  /** Adds rows newer than the entry's `lastId` to the end of the session's entry, if it has one. */
  extend(sessionKey: string, sessionId: string, messages: readonly TranscriptMessage[], jsonChars: number): void {
    const entry = this.entries.get(sessionKey);
    if (!entry || entry.sessionId !== sessionId || messages.length === 0) return;
    const bytes = estimatedBytes(messages, jsonChars);
    entry.messages.push(...messages);
    entry.lastId = messages.at(-1)?.id ?? entry.lastId;
    entry.bytes += bytes;
    this.bytes += bytes;
    if (entry.bytes > this.limits.maxBytes) this.forget(sessionKey);
    else this.evictOverLimits();
  }

  forget(sessionKey: string): void {
    const entry = this.entries.get(sessionKey);
    if (!entry) return;
    this.entries.delete(sessionKey);
    this.bytes -= entry.bytes;
  }

  private evictOverLimits(): void {
    for (const sessionKey of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxSessions && this.bytes <= this.limits.maxBytes) return;
      this.forget(sessionKey);
    }
  }
}

/**
 * Freezes a parsed row all the way down. Cached rows are handed to every later turn of the
 * session: a caller that edited one (or a library given its tool arguments) would change the
 * history of those turns; frozen, the edit throws where it happens instead.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
