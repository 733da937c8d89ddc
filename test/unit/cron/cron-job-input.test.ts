import { describe, expect, it } from 'vitest';
import { jobFromInput, type JobBody } from '../../../gateway/features/cron/cron-job-input.js';
import { jobView } from '../../../gateway/features/cron/cron-job-view.js';
import { CronAddParams } from '../../../shared/protocol/cron/params.js';

const NOW = Date.parse('2024-06-03T06:00:00Z');
const add = (body: unknown) => {
  const error = CronAddParams.firstError(body);
  if (error) throw new Error(error);
  return jobFromInput(CronAddParams.known(body) as JobBody, { id: 'job-1', now: NOW });
};
const systemEvent = { kind: 'systemEvent', text: 'stand up' };

describe('cron.add input, both protocols', () => {
  it('accepts the protocol-3 one-shot {atMs} and emits both at and atMs', () => {
    const view = jobView(add({ name: 'remind', schedule: { kind: 'at', atMs: NOW + 60_000 }, sessionTarget: 'main', wakeMode: 'now', payload: systemEvent }));
    expect(view.schedule).toEqual({ kind: 'at', atMs: NOW + 60_000, at: '2024-06-03T06:01:00.000Z' });
  });

  it('accepts the protocol-4 one-shot {at: ISO}; an ISO time without offset is UTC', () => {
    expect(add({ name: 'a', schedule: { kind: 'at', at: '2024-06-03T15:30:00+02:00' }, payload: systemEvent }).schedule).toEqual({ kind: 'at', atMs: Date.parse('2024-06-03T13:30:00Z') });
    expect(add({ name: 'a', schedule: { kind: 'at', at: '2024-06-03T15:30:00' }, payload: systemEvent }).schedule).toEqual({ kind: 'at', atMs: Date.parse('2024-06-03T15:30:00Z') });
    expect(add({ name: 'a', schedule: { atMs: '2024-06-03T15:30:00Z' }, payload: systemEvent }).schedule.kind).toBe('at');
  });

  it('stores the host zone at add time for a cron job without one, and shows it', () => {
    const job = add({ name: 'inbox', schedule: { kind: 'cron', expr: '0 8 * * 1-5' }, payload: { kind: 'agentTurn', message: 'summarise my inbox' } });
    expect(job.schedule).toEqual({ kind: 'cron', expr: '0 8 * * 1-5', tz: Intl.DateTimeFormat().resolvedOptions().timeZone });
    expect(jobView(job).schedule).toHaveProperty('tz');
  });

  it('anchors every at creation and infers kinds, targets and wake mode', () => {
    const job = add({ name: 'tick', schedule: { everyMs: 60_000 }, payload: { message: 'check' } });
    expect(job.schedule).toEqual({ kind: 'every', everyMs: 60_000, anchorMs: NOW });
    expect(job).toMatchObject({ sessionTarget: 'isolated', wakeMode: 'next-heartbeat', enabled: true, payload: { kind: 'agentTurn' } });
  });

  it('unwraps {data} and {job}, reads "true" strings, the legacy provider and agentId null', () => {
    const job = add({ job: { name: 'w', enabled: 'false', agentId: null, schedule: { cron: '0 9 * * *', tz: 'UTC' }, payload: { kind: 'agentTurn', message: 'hi', deliver: 'true', provider: 'telegram', to: '123' } } });
    expect(job.enabled).toBe(false);
    expect(job.agentId).toBeUndefined();
    expect(job.delivery).toEqual({ mode: 'announce', channel: 'telegram', to: '123' });
    expect(add({ data: { name: 'd', schedule: { everyMs: 5_000 }, payload: systemEvent } }).name).toBe('d');
  });

  it('maps protocol-3 payload delivery to the protocol-4 object and back', () => {
    const fromV4 = jobView(add({ name: 'x', schedule: { everyMs: 5_000 }, payload: { kind: 'agentTurn', message: 'm' }, delivery: { mode: 'announce', channel: 'last', to: '42', bestEffort: true } }));
    expect(fromV4.payload).toMatchObject({ deliver: true, channel: 'last', to: '42', bestEffortDeliver: true });
    expect(fromV4.delivery).toEqual({ mode: 'announce', channel: 'last', to: '42', bestEffort: true });
    const fromV3 = jobView(add({ name: 'y', schedule: { everyMs: 5_000 }, payload: { kind: 'agentTurn', message: 'm', deliver: false } }));
    expect(fromV3.delivery).toEqual({ mode: 'none' });
  });
});

describe('cron.add refusals name the field', () => {
  const cases: [string, unknown, string][] = [
    ['an invalid cron expression', { name: 'n', schedule: { kind: 'cron', expr: 'every day' }, payload: systemEvent }, 'schedule.expr'],
    ['an unknown zone', { name: 'n', schedule: { kind: 'cron', expr: '0 8 * * *', tz: 'Europe/Atlantis' }, payload: systemEvent }, 'schedule.tz'],
    ['`at` in the past', { name: 'n', schedule: { kind: 'at', at: '2020-01-01T00:00:00Z' }, payload: systemEvent }, 'schedule.at'],
    ['`atMs` in the past', { name: 'n', schedule: { kind: 'at', atMs: NOW - 1 }, payload: systemEvent }, 'schedule.atMs'],
    ['every below one second', { name: 'n', schedule: { kind: 'every', everyMs: 500 }, payload: systemEvent }, 'schedule.everyMs'],
    ['main with an agentTurn', { name: 'n', schedule: { everyMs: 5_000 }, sessionTarget: 'main', payload: { kind: 'agentTurn', message: 'm' } }, 'sessionTarget'],
    ['isolated with a systemEvent', { name: 'n', schedule: { everyMs: 5_000 }, sessionTarget: 'isolated', payload: systemEvent }, 'sessionTarget'],
    ['a missing name', { schedule: { everyMs: 5_000 }, payload: systemEvent }, 'name'],
    ['a command payload', { name: 'n', schedule: { everyMs: 5_000 }, payload: { kind: 'command', argv: ['ls'] } }, 'payload.kind'],
    ['an on-exit schedule', { name: 'n', schedule: { kind: 'on-exit', command: 'x' }, payload: systemEvent }, 'schedule.kind'],
    ['a bad wake mode', { name: 'n', schedule: { everyMs: 5_000 }, wakeMode: 'soon', payload: systemEvent }, 'wakeMode'],
  ];
  it.each(cases)('%s', (_label, body, field) => {
    expect(() => add(body)).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST', details: { field }, message: expect.stringContaining(field) }));
  });

  it('refuses keys neither protocol defines', () => {
    expect(CronAddParams.firstError({ name: 'n', evil: 1 })).toContain("unexpected property 'evil'");
    expect(CronAddParams.firstError({ name: 'n', payload: { kind: 'systemEvent', text: 't', evil: 1 } })).toContain('evil');
  });
});

describe('cron.update patches', () => {
  it('merges a same-kind payload and keeps the rest', () => {
    const job = add({ name: 'n', schedule: { everyMs: 5_000 }, payload: { kind: 'agentTurn', message: 'm', thinking: 'low', timeoutSeconds: 30 } });
    const patched = jobFromInput({ payload: { kind: 'agentTurn', message: 'new' } }, { id: job.id, now: NOW + 1, existing: job });
    expect(patched.payload).toEqual({ kind: 'agentTurn', message: 'new', thinking: 'low', timeoutSeconds: 30 });
    expect(patched).toMatchObject({ name: 'n', createdAtMs: NOW, updatedAtMs: NOW + 1, sessionTarget: 'isolated' });
  });

  it('switches target with a payload of the other kind', () => {
    const job = add({ name: 'n', schedule: { everyMs: 5_000 }, payload: { kind: 'agentTurn', message: 'm' } });
    expect(jobFromInput({ payload: { kind: 'systemEvent', text: 't' } }, { id: job.id, now: NOW, existing: job }).sessionTarget).toBe('main');
  });
});
