/**
 * The Scheduled window's form as data: the five-run preview in the chosen zone (across a DST
 * change), the reasons (as codes the view words) for schedules that cannot run, and the job it sends.
 */
import { describe, expect, it } from 'vitest';
import type { ScheduledJobView } from '../../../shared/ipc/contract.js';
import { formatDuration, formatInterval, formatInZone, localInputValue } from '../../../renderer/format/zoned-time.js';
import { checkScheduleForm, emptyScheduleForm, formFromJob, schedulePreview, timeZoneChoices, type ScheduleFormState } from '../../../renderer/state/schedule-form.js';
import { isScheduledJobsView, isScheduleSummaryView, runAttention } from '../../../renderer/state/scheduled-jobs.js';

const NOW = Date.UTC(2026, 2, 25, 12, 0); // Wednesday 25 March 2026, 13:00 in Berlin (CET)
const form = (overrides: Partial<ScheduleFormState>): ScheduleFormState => ({ ...emptyScheduleForm('Europe/Berlin'), name: 'Job', text: 'Do it', ...overrides });

describe('schedulePreview', () => {
  it('gives the next five cron runs in the chosen zone, across the spring-forward change', () => {
    const preview = schedulePreview(form({ kind: 'cron', expr: '0 8 * * *', tz: 'Europe/Berlin' }), NOW);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.runs.map((ms) => new Date(ms).toISOString())).toEqual([
      '2026-03-26T07:00:00.000Z',
      '2026-03-27T07:00:00.000Z',
      '2026-03-28T07:00:00.000Z',
      // Clocks go forward on 29 March: 08:00 is now UTC+2.
      '2026-03-29T06:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
    ]);
    expect(preview.runs.map((ms) => formatInZone(ms, 'Europe/Berlin', NOW))).toEqual([
      'Thu 26 Mar, 08:00',
      'Fri 27 Mar, 08:00',
      'Sat 28 Mar, 08:00',
      'Sun 29 Mar, 08:00',
      'Mon 30 Mar, 08:00',
    ]);
  });

  it('explains a schedule that cannot run, field by field', () => {
    expect(schedulePreview(form({ kind: 'cron', expr: '' }), NOW)).toEqual({ ok: false, field: 'schedule', problem: { code: 'exprMissing' } });
    expect(schedulePreview(form({ kind: 'cron', expr: '* * *' }), NOW)).toEqual({ ok: false, field: 'schedule', problem: { code: 'exprFields', count: 3 } });
    expect(schedulePreview(form({ kind: 'cron', expr: '61 * * * *' }), NOW)).toEqual({
      ok: false,
      field: 'schedule',
      problem: { code: 'expr', reason: 'Invalid value for minute: 61' },
    });
    expect(schedulePreview(form({ kind: 'cron', tz: 'Mars/Olympus' }), NOW)).toEqual({ ok: false, field: 'tz', problem: { code: 'zone', zone: 'Mars/Olympus' } });
    expect(schedulePreview(form({ kind: 'every', everyValue: '0.5', everyUnit: 'seconds' }), NOW)).toMatchObject({ ok: false, problem: { code: 'everyTooShort' } });
    expect(schedulePreview(form({ kind: 'every', everyValue: 'often' }), NOW)).toMatchObject({ ok: false, problem: { code: 'everyMissing' } });
    expect(schedulePreview(form({ kind: 'at', at: '' }), NOW)).toMatchObject({ ok: false, problem: { code: 'atMissing' } });
    expect(schedulePreview(form({ kind: 'at', at: '2026-03-25T12:59', tz: 'Europe/Berlin' }), NOW)).toMatchObject({ ok: false, problem: { code: 'atPast' } });
  });

  it('starts an interval now (the gateway anchors it when the job is added)', () => {
    expect(schedulePreview(form({ kind: 'every', everyValue: '15', everyUnit: 'minutes' }), NOW)).toEqual({
      ok: true,
      runs: [0, 1, 2, 3, 4].map((index) => NOW + index * 900_000),
    });
  });

  it('reads a one-shot as a clock time in the chosen zone', () => {
    expect(schedulePreview(form({ kind: 'at', at: '2026-03-25T15:30', tz: 'America/New_York' }), NOW)).toEqual({ ok: true, runs: [Date.UTC(2026, 2, 25, 19, 30)] });
  });

  describe('top-of-hour stagger', () => {
    const hourly = (overrides: Partial<ScheduledJobView> = {}): ScheduledJobView => ({
      id: 'job-1',
      name: 'Inbox',
      enabled: true,
      sessionTarget: 'main',
      schedule: { kind: 'cron', expr: '0 * * * *', staggerMs: 300_000 },
      timeZone: 'Europe/Berlin',
      zoneSource: 'job',
      payload: { kind: 'systemEvent', text: 'check' },
      // 13:02:17 Berlin: this job's place is 2 min 17 s into the window.
      nextRunAtMs: Date.UTC(2026, 2, 25, 12, 2, 17),
      ...overrides,
    });
    const iso = (preview: ReturnType<typeof schedulePreview>) => (preview.ok ? preview.runs.slice(0, 2).map((ms) => new Date(ms).toISOString()) : []);

    it('a saved job shows its runs at its own offset', () => {
      const job = hourly();
      const preview = schedulePreview(formFromJob(job, 'Europe/Berlin'), NOW, job);
      expect(preview).toMatchObject({ ok: true });
      expect(preview.ok && preview.staggerWindowMs).toBeUndefined();
      expect(iso(preview)).toEqual(['2026-03-25T12:02:17.000Z', '2026-03-25T13:02:17.000Z']);
    });

    it('a new or changed hourly job says its runs start within the window; other schedules and staggerMs 0 say nothing', () => {
      const fresh = schedulePreview(form({ kind: 'cron', expr: '0 */2 * * *' }), NOW);
      expect(fresh).toMatchObject({ ok: true, staggerWindowMs: 300_000 });
      const job = hourly();
      const changed = schedulePreview({ ...formFromJob(job, 'Europe/Berlin'), expr: '0 */3 * * *' }, NOW, job);
      expect(changed).toMatchObject({ ok: true, staggerWindowMs: 300_000 });
      expect(schedulePreview(form({ kind: 'cron', expr: '0 8 * * *' }), NOW)).not.toHaveProperty('staggerWindowMs');
      const exact = hourly({ schedule: { kind: 'cron', expr: '0 * * * *', staggerMs: 0 } });
      expect(iso(schedulePreview(formFromJob(exact, 'Europe/Berlin'), NOW, exact))).toEqual(['2026-03-25T13:00:00.000Z', '2026-03-25T14:00:00.000Z']);
    });

    it('a job saved before the stagger existed runs on the hour; a retry off the schedule falls back to the window', () => {
      const old = hourly({ schedule: { kind: 'cron', expr: '0 * * * *' } });
      expect(iso(schedulePreview(formFromJob(old, 'Europe/Berlin'), NOW, old))).toEqual(['2026-03-25T13:00:00.000Z', '2026-03-25T14:00:00.000Z']);
      const retrying = hourly({ nextRunAtMs: Date.UTC(2026, 2, 25, 12, 40) });
      expect(schedulePreview(formFromJob(retrying, 'Europe/Berlin'), NOW, retrying)).toMatchObject({ ok: true, staggerWindowMs: 300_000 });
    });
  });
});

describe('checkScheduleForm', () => {
  it('sends the trimmed job with the zone it was previewed in', () => {
    expect(checkScheduleForm(form({ name: ' Inbox ', text: ' Summarise ', kind: 'cron', expr: ' 0  8 * * 1-5 ', tz: 'Asia/Tokyo', payloadKind: 'agentTurn' }), NOW)).toEqual({
      ok: true,
      input: { name: 'Inbox', schedule: { kind: 'cron', expr: '0 8 * * 1-5', tz: 'Asia/Tokyo' }, payload: { kind: 'agentTurn', text: 'Summarise' } },
    });
    expect(checkScheduleForm(form({ kind: 'every', everyValue: '2', everyUnit: 'hours' }), NOW)).toMatchObject({ input: { schedule: { kind: 'every', everyMs: 7_200_000 } } });
  });

  it('names every field that stops it', () => {
    expect(checkScheduleForm(form({ name: ' ', text: '', kind: 'cron', expr: 'nope' }), NOW)).toEqual({
      ok: false,
      problems: { name: { code: 'name' }, text: { code: 'text' }, schedule: { code: 'exprFields', count: 1 } },
    });
  });
});

describe('formFromJob', () => {
  const job: ScheduledJobView = {
    id: 'j',
    name: 'Stretch',
    enabled: true,
    sessionTarget: 'main',
    schedule: { kind: 'every', everyMs: 7_200_000 },
    timeZone: 'Europe/Berlin',
    zoneSource: 'local',
    payload: { kind: 'systemEvent', text: 'Stand up' },
  };

  it('fills the form back in, in the largest whole unit', () => {
    expect(formFromJob(job, 'Europe/Berlin')).toMatchObject({ kind: 'every', everyValue: '2', everyUnit: 'hours', name: 'Stretch', text: 'Stand up' });
    expect(formFromJob({ ...job, schedule: { kind: 'cron', expr: '0 9 * * *' }, timeZone: 'Asia/Tokyo', zoneSource: 'job' }, 'Europe/Berlin')).toMatchObject({ kind: 'cron', expr: '0 9 * * *', tz: 'Asia/Tokyo' });
    expect(formFromJob({ ...job, schedule: { kind: 'at', atMs: Date.UTC(2026, 5, 1, 6, 30) } }, 'Europe/Berlin')).toMatchObject({ kind: 'at', at: '2026-06-01T08:30', tz: 'Europe/Berlin' });
  });
});

describe('formatting', () => {
  it('writes intervals, durations and datetime-local values', () => {
    expect(formatInterval(900_000)).toBe('15 minutes');
    expect(formatInterval(3_600_000)).toBe('hour');
    expect(formatInterval(90_000)).toBe('90 seconds');
    expect(formatDuration(420)).toBe('0.4 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(localInputValue(Date.UTC(2026, 0, 1, 23, 30), 'Asia/Tokyo')).toBe('2026-01-02T08:30');
  });

  it('adds the year when it is not this one, and never shows an unknown zone as local time', () => {
    expect(formatInZone(Date.UTC(2027, 0, 4, 7), 'Europe/Berlin', NOW)).toBe('Mon 4 Jan 2027, 08:00');
    expect(formatInZone(Date.UTC(2026, 0, 5, 7), 'Nowhere/City', NOW)).toBe('Mon 5 Jan, 07:00');
  });

  it('offers UTC first and always the zones it is given', () => {
    const zones = timeZoneChoices('Etc/GMT+5');
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('Etc/GMT+5');
  });
});

describe('shape checks', () => {
  it('accept what main sends and refuse anything else', () => {
    expect(isScheduledJobsView({ state: 'ready', jobs: [], timeZone: 'UTC' })).toBe(true);
    expect(isScheduledJobsView({ state: 'ready', jobs: [{ id: 1 }], timeZone: 'UTC' })).toBe(false);
    expect(isScheduleSummaryView({ timeZone: 'UTC', cron: { enabled: true, jobs: 0, nextWakeAtMs: null }, heartbeat: null })).toBe(true);
    expect(isScheduleSummaryView({ timeZone: 'UTC', cron: { nextWakeAtMs: 'soon' } })).toBe(false);
    expect([runAttention('missed'), runAttention('error'), runAttention('ok')]).toEqual(['missed', 'failed', undefined]);
  });
});
