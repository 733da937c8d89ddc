import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepared, transaction } from '../../../gateway/core/store/database.js';
import type { GatewayStore } from '../../../gateway/agent/store/gateway-store.js';
import { TranscriptContextCache } from '../../../gateway/agent/store/transcript-context-cache.js';
import { TranscriptRepository, type TranscriptMessage } from '../../../gateway/agent/store/transcript-repository.js';
import { tempStores } from '../../helpers/temp-store.js';

const openStore = tempStores('context-cache-');
const KEY = 'agent:main:chat';
const SESSION = 'session-1';

afterEach(() => {
  vi.restoreAllMocks();
});

function say(transcript: TranscriptRepository, text: string, sessionKey = KEY, sessionId = SESSION): number {
  return transcript.append({ sessionKey, sessionId, runId: `run-${text}`, role: 'user', content: [{ type: 'text', text }], meta: { model: 'bench/model' }, ts: 1_000 });
}

function texts(messages: readonly TranscriptMessage[]): string[] {
  return messages.map((message) => (message.content[0]?.type === 'text' ? message.content[0].text : '?'));
}

/** What a repository that never read the session before returns: a full read. */
function freshContext(store: GatewayStore, sessionKey = KEY, sessionId = SESSION): TranscriptMessage[] {
  return new TranscriptRepository(store.database).context(sessionKey, sessionId);
}

/** A transcript whose context is read (and so cached) after each of `lines`. */
function conversation(store: GatewayStore, lines: string[], transcript = store.transcript): TranscriptRepository {
  for (const line of lines) {
    say(transcript, line);
    transcript.context(KEY, SESSION);
  }
  return transcript;
}

/** Counts the JSON.parse calls made from now on: two (content and meta) per row parsed. */
function countParses(): () => number {
  const parse = vi.spyOn(JSON, 'parse');
  return () => parse.mock.calls.length;
}

describe('reading a session again parses only what was added since', () => {
  it('parses the new row alone, and nothing when nothing was added', () => {
    const store = openStore();
    const transcript = conversation(store, ['one', 'two', 'three']);
    say(transcript, 'four');

    const parses = countParses();
    expect(texts(transcript.context(KEY, SESSION))).toEqual(['one', 'two', 'three', 'four']);
    expect(parses()).toBe(2);
    expect(transcript.context(KEY, SESSION)).toEqual(freshContext(store));
  });

  it('shares rows that no caller can change: a new array each time, of frozen rows', () => {
    const store = openStore();
    const transcript = conversation(store, ['one', 'two']);
    const first = transcript.context(KEY, SESSION);
    first.push(first[0]!);
    first.reverse();

    const again = transcript.context(KEY, SESSION);
    expect(texts(again)).toEqual(['one', 'two']);
    expect(() => {
      (again[0]!.content as unknown[]).push({ type: 'text', text: 'injected' });
    }).toThrow(TypeError);
    expect(() => {
      (again[0]!.meta as { model?: string }).model = 'other';
    }).toThrow(TypeError);
  });
});

describe('a cached session never returns rows the database no longer has', () => {
  it('after appends', () => {
    const store = openStore();
    const transcript = conversation(store, ['one', 'two']);
    say(transcript, 'three');
    say(transcript, 'four');
    expect(texts(transcript.context(KEY, SESSION))).toEqual(['one', 'two', 'three', 'four']);
    expect(transcript.context(KEY, SESSION)).toEqual(freshContext(store));
  });

  it('after markCompacted', () => {
    const store = openStore();
    const transcript = conversation(store, ['one', 'two', 'three']);
    const second = transcript.context(KEY, SESSION)[1]!.id;
    transcript.markCompacted(KEY, SESSION, second);
    expect(texts(transcript.context(KEY, SESSION))).toEqual(['three']);
    expect(transcript.context(KEY, SESSION)).toEqual(freshContext(store));
  });

  it('after markCompacted and an append, however the counts fall', () => {
    const store = openStore();
    const transcript = conversation(store, ['one', 'two']);
    transcript.markCompacted(KEY, SESSION, transcript.context(KEY, SESSION)[0]!.id);
    say(transcript, 'three');
    expect(texts(transcript.context(KEY, SESSION))).toEqual(['two', 'three']);
  });

  it('after deleteSession, and a new conversation under the same key and id', () => {
    const store = openStore();
    const transcript = conversation(store, ['one', 'two']);
    transcript.deleteSession(KEY);
    expect(transcript.context(KEY, SESSION)).toEqual([]);
    say(transcript, 'again');
    expect(texts(transcript.context(KEY, SESSION))).toEqual(['again']);
    expect(transcript.context(KEY, SESSION)).toEqual(freshContext(store));
  });

  it('after a direct SQL DELETE of some rows (cron retention deletes this way)', () => {
    const store = openStore();
    const transcript = conversation(store, ['one', 'two', 'three']);
    const [first] = transcript.context(KEY, SESSION);
    prepared(store.database, 'DELETE FROM transcript_messages WHERE id = ?').run(first!.id);
    expect(texts(transcript.context(KEY, SESSION))).toEqual(['two', 'three']);
    expect(transcript.context(KEY, SESSION)).toEqual(freshContext(store));
  });

  it('after a direct DELETE of an old row and an append, which leave the live count as it was', () => {
    const store = openStore();
    const transcript = conversation(store, ['one', 'two', 'three']);
    const [first] = transcript.context(KEY, SESSION);
    prepared(store.database, 'DELETE FROM transcript_messages WHERE id = ?').run(first!.id);
    say(transcript, 'four');
    expect(texts(transcript.context(KEY, SESSION))).toEqual(['two', 'three', 'four']);
  });

  it('after the newest row is deleted and another appended (AUTOINCREMENT never gives it the same id)', () => {
    const store = openStore();
    const transcript = conversation(store, ['one', 'two']);
    const newest = transcript.context(KEY, SESSION).at(-1)!;
    prepared(store.database, 'DELETE FROM transcript_messages WHERE id = ?').run(newest.id);
    expect(say(transcript, 'three')).toBeGreaterThan(newest.id);
    expect(texts(transcript.context(KEY, SESSION))).toEqual(['one', 'three']);
  });

  it('after a transaction that appended, read and rolled back, and a new row that took the same id', () => {
    const store = openStore();
    const transcript = conversation(store, ['one']);
    let rolledBackId = 0;
    expect(() =>
      transaction(store.database, () => {
        rolledBackId = say(transcript, 'rolled back');
        expect(texts(transcript.context(KEY, SESSION))).toEqual(['one', 'rolled back']);
        throw new Error('the run start failed');
      }),
    ).toThrow('the run start failed');

    const reusedId = say(transcript, 'kept');
    expect(reusedId).toBe(rolledBackId);
    expect(texts(transcript.context(KEY, SESSION))).toEqual(['one', 'kept']);
    expect(transcript.context(KEY, SESSION)).toEqual(freshContext(store));
  });

  it('after ROLLBACK TO a savepoint inside a transaction (as deferred start writes do)', () => {
    const store = openStore();
    const transcript = conversation(store, ['one']);
    const db = store.database;
    transaction(db, () => {
      prepared(db, 'SAVEPOINT deferred_run_start').run();
      const rolledBackId = say(transcript, 'rolled back');
      expect(texts(transcript.context(KEY, SESSION))).toEqual(['one', 'rolled back']);
      prepared(db, 'ROLLBACK TO deferred_run_start').run();
      prepared(db, 'RELEASE deferred_run_start').run();
      expect(say(transcript, 'kept')).toBe(rolledBackId);
      expect(texts(transcript.context(KEY, SESSION))).toEqual(['one', 'kept']);
    });
    expect(texts(transcript.context(KEY, SESSION))).toEqual(['one', 'kept']);
    expect(transcript.context(KEY, SESSION)).toEqual(freshContext(store));
  });

  it('after ROLLBACK TO a savepoint opened outside any transaction', () => {
    const store = openStore();
    const transcript = conversation(store, ['one']);
    const db = store.database;
    db.exec('SAVEPOINT outside');
    say(transcript, 'rolled back');
    transcript.context(KEY, SESSION);
    db.exec('ROLLBACK TO outside');
    db.exec('RELEASE outside');
    say(transcript, 'kept');
    expect(texts(transcript.context(KEY, SESSION))).toEqual(['one', 'kept']);
  });

  it('for a new session id under the same key, and for the old one read again', () => {
    const store = openStore();
    const transcript = conversation(store, ['one', 'two']);
    say(transcript, 'fresh start', KEY, 'session-2');
    expect(texts(transcript.context(KEY, 'session-2'))).toEqual(['fresh start']);
    say(transcript, 'three');
    expect(texts(transcript.context(KEY, SESSION))).toEqual(['one', 'two', 'three']);
    expect(transcript.context(KEY, 'session-2')).toEqual(freshContext(store, KEY, 'session-2'));
  });
});

describe('the cache stays within its bounds', () => {
  it('keeps the most recently read sessions and reads an evicted one in full again', () => {
    const store = openStore();
    const cache = new TranscriptContextCache({ maxSessions: 2, maxBytes: 1_000_000 });
    const transcript = new TranscriptRepository(store.database, cache);
    for (const key of ['a', 'b', 'c']) say(transcript, `hello ${key}`, key);
    transcript.context('a', SESSION);
    transcript.context('b', SESSION);
    transcript.context('a', SESSION);
    transcript.context('c', SESSION);
    expect(cache.size).toBe(2);

    const parses = countParses();
    expect(texts(transcript.context('a', SESSION))).toEqual(['hello a']);
    expect(texts(transcript.context('c', SESSION))).toEqual(['hello c']);
    expect(parses()).toBe(0);
    expect(texts(transcript.context('b', SESSION))).toEqual(['hello b']);
    expect(parses()).toBe(2);
    expect(cache.size).toBe(2);
  });

  it('keeps no more bytes than its limit, and no session larger than it', () => {
    const store = openStore();
    // A row here costs ~470 bytes (51 characters of JSON, the rest its objects): two rows fit.
    const cache = new TranscriptContextCache({ maxSessions: 10, maxBytes: 1_000 });
    const transcript = new TranscriptRepository(store.database, cache);
    for (const key of ['a', 'b', 'c']) say(transcript, 'x', key);
    for (const key of ['a', 'b', 'c']) transcript.context(key, SESSION);
    expect(cache.size).toBe(2);

    // Session c outgrows the limit on its own: it is dropped, and not kept when read in full.
    say(transcript, 'y', 'c');
    say(transcript, 'z', 'c');
    expect(texts(transcript.context('c', SESSION))).toEqual(['x', 'y', 'z']);
    expect(cache.size).toBe(1);
    const parses = countParses();
    expect(texts(transcript.context('c', SESSION))).toEqual(['x', 'y', 'z']);
    expect(parses()).toBe(6);
    expect(cache.size).toBe(1);
  });
});
