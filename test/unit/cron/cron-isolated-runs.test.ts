import { describe, expect, it } from 'vitest';
import { RunsRepository } from '../../../gateway/agent/store/runs-repository.js';
import { SessionsRepository } from '../../../gateway/agent/store/sessions-repository.js';
import { TranscriptRepository } from '../../../gateway/agent/store/transcript-repository.js';
import { openDatabase } from '../../../gateway/core/store/database.js';
import { startFreshRunSession } from '../../../gateway/features/cron/cron-run-session.js';
import { CronSessionRetention, SWEEP_INTERVAL_MS, retentionMs } from '../../../gateway/features/cron/cron-session-retention.js';
import type { CronJobView } from '../../../shared/protocol/cron/results.js';
import { cronHarness } from './cron-harness.js';

const NOW = Date.parse('2024-06-03T06:00:00Z');
const HOUR = 3_600_000;
const KEY = 'agent:main:cron:job-1';

describe('isolated runs', () => {
  it('asks for a fresh session before every run of an isolated job', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    const job = (await harness.call('cron.add', { name: 'digest', schedule: { everyMs: 60_000 }, payload: { kind: 'agentTurn', message: 'digest' } })) as CronJobView;
    await harness.time.advance(60_000);
    expect(harness.freshSessions).toEqual([`agent:main:cron:${job.id}`, `agent:main:cron:${job.id}`]);
  });

  it('a fresh session keeps the key, label and overrides, not the id or the summary; a session in use is left alone', () => {
    const db = openDatabase(':memory:');
    const sessions = new SessionsRepository(db);
    sessions.save({ sessionKey: KEY, sessionId: 'run-1', agentId: 'main', label: 'digest', settings: { model: 'local/small' }, compactedSummary: 'old', createdAtMs: NOW, updatedAtMs: NOW });
    let active = 1;
    const deps = { sessions, database: db, activeRuns: () => active, now: () => NOW + HOUR };
    startFreshRunSession(deps, KEY);
    expect(sessions.get(KEY)?.sessionId).toBe('run-1');
    active = 0;
    startFreshRunSession(deps, KEY);
    const fresh = sessions.get(KEY);
    expect(fresh).toMatchObject({ sessionKey: KEY, agentId: 'main', label: 'digest', settings: { model: 'local/small' }, createdAtMs: NOW + HOUR });
    expect(fresh?.sessionId).not.toBe('run-1');
    expect(fresh?.compactedSummary).toBeUndefined();
    startFreshRunSession(deps, 'agent:main:cron:never-ran');
    expect(sessions.get('agent:main:cron:never-ran')).toBeUndefined();
  });

  it('postToMainMode "full" posts the whole reply to main, up to postToMainMaxChars; "summary" posts the run summary', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    const reply = `Inbox: ${'x'.repeat(3_000)}`;
    harness.turns.outcome = { status: 'ok', text: reply };
    await harness.call('cron.add', { name: 'full', schedule: { everyMs: HOUR }, payload: { kind: 'agentTurn', message: 'digest' }, isolation: { postToMainMode: 'full', postToMainMaxChars: 5_000 } });
    await harness.call('cron.add', { name: 'summary', schedule: { everyMs: HOUR }, payload: { kind: 'agentTurn', message: 'digest' }, isolation: { postToMainMode: 'summary' } });
    await harness.time.advance(0);
    const posted = harness.systemEvents.queued().map((event) => event.text);
    expect(posted).toContain(`Cron "full": ${reply}`);
    const summary = posted.find((text) => text.startsWith('Cron "summary"')) ?? '';
    expect(summary.length).toBeLessThan(2_100);
    expect(summary.endsWith('…')).toBe(true);
  });
});

describe('cron.sessionRetention', () => {
  it('reads durations, false and zero as the config means them', () => {
    expect(retentionMs(undefined)).toBe(24 * HOUR);
    expect(retentionMs('7d')).toBe(7 * 24 * HOUR);
    expect(retentionMs('90m')).toBe(90 * 60_000);
    expect(retentionMs('12')).toBe(12 * HOUR);
    expect(retentionMs(false)).toBe(0);
    expect(retentionMs('0')).toBe(0);
  });

  it('prunes earlier runs and idle run sessions past the retention, never the main session or a session in use', () => {
    const db = openDatabase(':memory:');
    const sessions = new SessionsRepository(db);
    const transcript = new TranscriptRepository(db);
    const runs = new RunsRepository(db);
    const say = (sessionKey: string, sessionId: string, ts: number) => transcript.append({ sessionKey, sessionId, role: 'user', content: [{ type: 'text', text: 'hi' }], meta: {}, ts });
    let now = NOW + 30 * HOUR;
    const active = new Set<string>();
    const retention = new CronSessionRetention(db, { retentionMs: () => retentionMs('24h'), now: () => now, isActive: (key) => active.has(key) });
    // Job 1 ran two days ago (run-a) and an hour ago (run-b, the live session).
    sessions.save({ sessionKey: KEY, sessionId: 'run-b', agentId: 'main', settings: {}, createdAtMs: now - HOUR, updatedAtMs: now - HOUR });
    say(KEY, 'run-a', NOW);
    say(KEY, 'run-b', now - HOUR);
    runs.insert({ runId: 'a', kind: 'agent', sessionKey: KEY, agentId: 'main', status: 'queued', acceptedAtMs: NOW });
    runs.finished('agent', 'a', { status: 'ok', at: NOW });
    // Job 2 last ran two days ago; job 3 too, but a turn is running in it now.
    for (const key of ['agent:main:cron:job-2', 'agent:main:cron:job-3']) {
      sessions.save({ sessionKey: key, sessionId: `${key}-run`, agentId: 'main', settings: {}, createdAtMs: NOW, updatedAtMs: NOW });
      say(key, `${key}-run`, NOW);
    }
    active.add('agent:main:cron:job-3');
    sessions.save({ sessionKey: 'agent:main:main', sessionId: 'main-1', agentId: 'main', settings: {}, createdAtMs: NOW, updatedAtMs: NOW });
    say('agent:main:main', 'main-1', NOW);

    expect(retention.sweep()).toEqual({ sessions: 1, messages: 2, runs: 1 });
    expect(transcript.count(KEY, 'run-a')).toBe(0);
    expect(transcript.count(KEY, 'run-b')).toBe(1);
    expect(sessions.get('agent:main:cron:job-2')).toBeUndefined();
    expect(sessions.get('agent:main:cron:job-3')).toBeDefined();
    expect(transcript.count('agent:main:cron:job-3', 'agent:main:cron:job-3-run')).toBe(1);
    expect(transcript.count('agent:main:main', 'main-1')).toBe(1);
    expect(runs.get('agent', 'a')).toBeUndefined();

    // Throttled: the next sweep waits SWEEP_INTERVAL_MS.
    expect(retention.sweepIfDue()).toBeUndefined();
    now += SWEEP_INTERVAL_MS;
    expect(retention.sweepIfDue()).toEqual({ sessions: 0, messages: 0, runs: 0 });
  });

  it('prunes nothing when turned off', () => {
    const db = openDatabase(':memory:');
    const sessions = new SessionsRepository(db);
    sessions.save({ sessionKey: KEY, sessionId: 'old', agentId: 'main', settings: {}, createdAtMs: NOW, updatedAtMs: NOW });
    const retention = new CronSessionRetention(db, { retentionMs: () => retentionMs(false), now: () => NOW + 400 * HOUR, isActive: () => false });
    expect(retention.sweep()).toEqual({ sessions: 0, messages: 0, runs: 0 });
    expect(sessions.get(KEY)).toBeDefined();
  });
});

describe('cron.list views', () => {
  it('follow every change to a job (runs, updates, removal)', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    const job = (await harness.call('cron.add', { name: 'ping', schedule: { everyMs: 60_000 }, payload: { kind: 'systemEvent', text: 'ping' } })) as CronJobView;
    const list = async () => ((await harness.call('cron.list', { includeDisabled: true })) as { jobs: CronJobView[] }).jobs;
    expect((await list())[0]?.state).toEqual({ nextRunAtMs: NOW });
    await harness.time.advance(0);
    expect((await list())[0]?.state).toMatchObject({ lastStatus: 'ok', nextRunAtMs: NOW + 60_000 });
    await harness.call('cron.update', { id: job.id, patch: { name: 'pong', enabled: false } });
    expect((await list())[0]).toMatchObject({ name: 'pong', enabled: false });
    await harness.call('cron.remove', { id: job.id });
    expect(await list()).toEqual([]);
  });
});
