import { describe, expect, it } from 'vitest';
import {
  compactSession,
  deleteSession,
  describeCompaction,
  listSessions,
  renameSession,
  resetSession,
  sessionActions,
  sessionTitle,
  setSessionModel,
} from '../../../client/sessions/sessions-service.js';

const row = { key: 'agent:main:main', kind: 'direct' as const, sessionId: 's-1', label: 'Planning', totalTokens: 12 };

describe('the Sessions page service', () => {
  it('offers only the actions whose methods are served', () => {
    expect(sessionActions(['sessions.list', 'sessions.patch', 'sessions.compact'])).toEqual({ rename: true, model: true, reset: false, delete: false, compact: true });
  });

  it('lists one page with a search, naming the default model', async () => {
    const sent: unknown[] = [];
    const page = await listSessions(async (method, params) => {
      sent.push([method, params]);
      return { ts: 1, path: '/s', count: 1, defaults: { modelProvider: 'local', model: 'small' }, sessions: [row], totalCount: 3, hasMore: true };
    }, '  plan ');
    expect(sent).toEqual([['sessions.list', { limit: 100, offset: 0, includeDerivedTitles: true, includeLastMessage: true, search: 'plan' }]]);
    expect(page).toEqual({ sessions: [row], total: 3, hasMore: true, defaultModel: 'local/small' });
    await expect(listSessions(async () => ({ sessions: [] }), '')).rejects.toThrow(/sessions\.list answered in an unexpected shape/);
  });

  it('renames and sets the model through sessions.patch; empty clears either', async () => {
    const sent: unknown[] = [];
    const request = async (method: string, params: unknown) => {
      sent.push([method, params]);
      return { ok: true, key: row.key, entry: row };
    };
    await renameSession(request, row.key, ' Trip ');
    await renameSession(request, row.key, '');
    await setSessionModel(request, row.key, 'local/big');
    await setSessionModel(request, row.key, ' ');
    expect(sent).toEqual([
      ['sessions.patch', { key: row.key, label: 'Trip' }],
      ['sessions.patch', { key: row.key, label: null }],
      ['sessions.patch', { key: row.key, model: 'local/big' }],
      ['sessions.patch', { key: row.key, model: null }],
    ]);
    await expect(renameSession(request, row.key, 'x'.repeat(513))).rejects.toThrow('at most 512 characters');
  });

  it('resets only the conversation on screen, deletes with the transcript, compacts', async () => {
    const sent: unknown[] = [];
    const answers: Record<string, unknown> = {
      'sessions.reset': { ok: true, key: row.key, entry: { ...row, sessionId: 's-2' } },
      'sessions.delete': { ok: true, key: row.key, deleted: true, archived: [] },
      'sessions.compact': { ok: true, key: row.key, compacted: true, kept: 20, removed: 80, summarized: false, reason: 'no model configured' },
    };
    const request = async (method: string, params: unknown) => {
      sent.push([method, params]);
      return answers[method];
    };
    expect((await resetSession(request, row)).sessionId).toBe('s-2');
    expect(await deleteSession(request, row.key)).toBe(true);
    const compacted = await compactSession(request, row.key);
    expect(sent).toEqual([
      ['sessions.reset', { key: row.key, reason: 'reset', expectedSessionId: 's-1' }],
      ['sessions.delete', { key: row.key, deleteTranscript: true }],
      ['sessions.compact', { key: row.key }],
    ]);
    expect(describeCompaction(compacted)).toBe('80 older messages dropped without a summary (no model configured); 20 kept.');
    expect(describeCompaction({ ...compacted, compacted: false })).toBe('Nothing to compact: all 20 messages stay.');
  });

  it('names a session by label, first message, else key', () => {
    expect(sessionTitle(row)).toBe('Planning');
    expect(sessionTitle({ ...row, label: undefined, derivedTitle: 'hello there' })).toBe('hello there');
    expect(sessionTitle({ key: 'k', kind: 'direct' })).toBe('k');
  });
});
