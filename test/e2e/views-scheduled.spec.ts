/**
 * The Scheduled window and the panel's schedule line, against the stub bridge: jobs with their
 * next run in their own zone, the enable switch, Run now, the history with missed and failed
 * runs marked, live updates, the Add/Edit form's five-run preview and its inline reasons, gateway
 * errors as messages, the empty state. The page clock is fixed so previews are exact.
 */
import { expect, test } from '@playwright/test';
import type { ScheduledJobsView, ScheduledJobView, ScheduledRunView } from '../../shared/ipc/contract.js';
import { stubInit } from './stub-bridge.js';
import { openView, shot, useRendererServer } from './views-support.js';

useRendererServer();

const NOW = Date.UTC(2026, 2, 25, 12, 0); // Wed 25 Mar 2026, 13:00 in Berlin, 08:00 in New York
const size = { width: 780, height: 900 };

const inbox: ScheduledJobView = {
  id: 'job-inbox',
  name: 'Inbox summary',
  enabled: true,
  sessionTarget: 'isolated',
  schedule: { kind: 'cron', expr: '0 8 * * 1-5' },
  timeZone: 'America/New_York',
  zoneSource: 'job',
  payload: { kind: 'agentTurn', text: 'Summarise my inbox and list what needs an answer today.' },
  nextRunAtMs: Date.UTC(2026, 2, 26, 12, 0),
  lastRunAtMs: Date.UTC(2026, 2, 25, 12, 0),
  lastStatus: 'error',
  lastError: 'provider timed out',
  consecutiveErrors: 2,
};
const stretch: ScheduledJobView = {
  id: 'job-stretch',
  name: 'Stretch reminder',
  enabled: false,
  sessionTarget: 'main',
  schedule: { kind: 'every', everyMs: 5_400_000 },
  timeZone: 'Europe/Berlin',
  zoneSource: 'local',
  payload: { kind: 'systemEvent', text: 'Remind me to stand up.' },
};
const jobsView = (jobs: ScheduledJobView[]): ScheduledJobsView => ({ state: 'ready', jobs, timeZone: 'Europe/Berlin' });
const runs: ScheduledRunView[] = [
  { id: 'r3', ts: Date.UTC(2026, 2, 25, 12, 0, 40), runAtMs: Date.UTC(2026, 2, 25, 12, 0), status: 'error', durationMs: 40_000, error: 'provider timed out' },
  { id: 'r2', ts: Date.UTC(2026, 2, 24, 12, 5), runAtMs: Date.UTC(2026, 2, 24, 12, 0), status: 'missed' },
  { id: 'r1', ts: Date.UTC(2026, 2, 23, 12, 0, 12), runAtMs: Date.UTC(2026, 2, 23, 12, 0), status: 'ok', durationMs: 12_300, summary: '3 mails need an answer.' },
];

test.describe('scheduled window', () => {
  test('lists jobs with their next run in their zone, toggles, runs now and marks missed and failed runs', async ({ page }) => {
    await page.clock.setFixedTime(NOW);
    const { stub, problems } = await openView(
      page,
      'scheduled',
      stubInit({ 'scheduled:list': { value: jobsView([inbox, stretch]) }, 'scheduled:runs': { value: runs } }),
      size,
    );
    const card = page.getByRole('article', { name: 'Inbox summary' });
    await expect(card.getByTestId('job-next-run')).toHaveText('Thu 26 Mar, 08:00 America/New_York');
    await expect(card.getByText('Cron 0 8 * * 1-5')).toBeVisible();
    await expect(card.getByText('2 failures in a row; the gateway retries with backoff. provider timed out')).toBeVisible();
    const other = page.getByRole('article', { name: 'Stretch reminder' });
    await expect(other.getByText('Every 90 minutes')).toBeVisible();
    await expect(other.getByTestId('job-next-run')).toHaveText('Off');
    await expect(other.getByRole('switch', { name: 'Enabled: Stretch reminder' })).not.toBeChecked();

    // The switch asks main; the list follows the `scheduled:changed` main pushes after the gateway's cron event.
    await other.getByRole('switch', { name: 'Enabled: Stretch reminder' }).click();
    await expect.poll(() => stub.requests('scheduled:setEnabled')).toEqual([{ jobId: 'job-stretch', enabled: true }]);
    await stub.emit('scheduled:changed', jobsView([inbox, { ...stretch, enabled: true, nextRunAtMs: NOW + 5_400_000 }]));
    await expect(other.getByRole('switch', { name: 'Enabled: Stretch reminder' })).toBeChecked();
    await expect(other.getByTestId('job-next-run')).toHaveText('Wed 25 Mar, 14:30 Europe/Berlin');

    // Run now, from the keyboard; the history opens with the runs, newest first, marks in words.
    await card.getByRole('button', { name: 'Run now' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => stub.requests('scheduled:runNow')).toEqual([{ jobId: 'job-inbox' }]);
    const history = card.getByRole('list', { name: 'Run history of Inbox summary' });
    await expect(history.getByTestId('job-run')).toHaveText([
      /^✕ Failed\s*Wed 25 Mar, 08:00 America\/New_York\s*took 40 s\s*provider timed out$/,
      /^⚠ Missed\s*Tue 24 Mar, 08:00 America\/New_York\s*The gateway was down at this time\.$/,
      /^OK\s*Mon 23 Mar, 08:00 America\/New_York\s*took 12 s\s*3 mails need an answer\.$/,
    ]);
    await expect(history.locator('[data-attention="missed"]')).toHaveCount(1);
    await expect(history.locator('[data-attention="failed"]')).toHaveCount(1);
    await expect(card.getByRole('button', { name: 'History' })).toHaveAttribute('aria-expanded', 'true');
    await shot(page, 'scheduled', true);

    // A refusal from the gateway is a message on the card, not a crash.
    await stub.setAnswer('scheduled:runNow', { value: { ok: false, message: 'The gateway did not run it (already-running).' } });
    await card.getByRole('button', { name: 'Run now' }).click();
    await expect(card.getByRole('alert')).toHaveText('The gateway did not run it (already-running).');
    expect(problems).toEqual([]);
  });

  test('the form previews the next five runs in the chosen zone and explains what is wrong as you type', async ({ page }) => {
    await page.clock.setFixedTime(NOW);
    const { stub, problems } = await openView(page, 'scheduled', stubInit(), size);
    await expect(page.getByTestId('scheduled-empty')).toContainText('A scheduled job is a message the gateway sends on its own');
    await shot(page, 'scheduled-empty');

    await page.getByRole('button', { name: 'Add job' }).click();
    const form = page.getByRole('region', { name: 'Add a scheduled job' });
    await expect(form.getByRole('heading', { name: 'Add a scheduled job' })).toBeFocused();
    await expect(form.getByLabel('Time zone')).toHaveValue('Europe/Berlin');
    const preview = form.getByTestId('schedule-preview');
    // The default expression: weekdays at 08:00 in the system zone.
    await expect(preview).toContainText('Next five runs (Europe/Berlin):');
    await expect(preview.getByRole('listitem')).toHaveText(['Thu 26 Mar, 08:00', 'Fri 27 Mar, 08:00', 'Mon 30 Mar, 08:00', 'Tue 31 Mar, 08:00', 'Wed 1 Apr, 08:00']);

    const expr = form.getByRole('textbox', { name: 'Cron expression' });
    await expr.fill('30 15 * *');
    await expect(form.getByTestId('schedule-problem')).toHaveText('A cron expression has 5 or 6 fields; this one has 4.');
    await expect(expr).toHaveAttribute('aria-invalid', 'true');
    await expr.fill('61 15 * * *');
    await expect(form.getByTestId('schedule-problem')).toHaveText('Not a valid cron expression: Invalid value for minute: 61');
    // An hourly job is spread out by the gateway: the preview says so.
    await expect(form.getByTestId('schedule-stagger')).toHaveCount(0);
    await expr.fill('0 * * * *');
    await expect(form.getByTestId('schedule-stagger')).toHaveText(/within 5 minutes after the time shown/);
    await expr.fill('30 15 * * *');
    await expect(form.getByTestId('schedule-stagger')).toHaveCount(0);
    await form.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await expect(preview).toContainText('Next five runs (Asia/Tokyo):');
    await expect(preview.getByRole('listitem').first()).toHaveText('Thu 26 Mar, 15:30');

    // Other kinds of schedule.
    await form.getByLabel('Every…').check();
    await form.getByLabel('Every', { exact: true }).fill('0.2');
    await form.getByLabel('Unit').selectOption('seconds');
    await expect(form.getByTestId('schedule-problem')).toHaveText('Every must be at least one second.');
    await form.getByLabel('Once, at a date and time').check();
    await form.getByLabel('Date and time', { exact: true }).fill('2026-03-25T09:00');
    await expect(form.getByTestId('schedule-problem')).toHaveText('That time has already passed.');
    await form.getByLabel('Date and time', { exact: true }).fill('2026-03-26T18:00');
    await expect(preview.getByRole('listitem')).toHaveText(['Thu 26 Mar, 18:00']);

    // Submitting names the missing fields and sends nothing.
    await form.getByLabel('On a cron schedule').check();
    await form.getByRole('button', { name: 'Add job' }).click();
    await expect(form.getByText('Give the job a name.')).toBeVisible();
    await expect(form.getByText('Write what the job should say or do.')).toBeVisible();
    expect(await stub.requests('scheduled:add')).toEqual([]);
    await shot(page, 'scheduled-form', true);

    await form.getByLabel('Name').fill('Afternoon check');
    await form.getByLabel('Run an agent task').check();
    await form.getByLabel('Message').fill('Check the build and tell me if it is red.');
    // The gateway refuses: its message shows under the form, which stays open.
    await stub.setAnswer('scheduled:add', { value: { ok: false, message: 'schedule.tz: unknown time zone: Asia/Tokyo' } });
    await form.getByRole('button', { name: 'Add job' }).click();
    await expect(form.getByTestId('job-form-status')).toHaveText('schedule.tz: unknown time zone: Asia/Tokyo');
    await stub.setAnswer('scheduled:add', { value: { ok: true, jobId: 'job-new' } });
    await form.getByRole('button', { name: 'Add job' }).click();
    await expect(form).toHaveCount(0);
    expect((await stub.requests('scheduled:add')).at(-1)).toEqual({
      name: 'Afternoon check',
      schedule: { kind: 'cron', expr: '30 15 * * *', tz: 'Asia/Tokyo' },
      payload: { kind: 'agentTurn', text: 'Check the build and tell me if it is red.' },
    });
    await expect(page.getByRole('button', { name: 'Add job' })).toBeFocused();
    expect(problems).toEqual([]);
  });

  test('edits a job in its own zone; Escape closes the form', async ({ page }) => {
    await page.clock.setFixedTime(NOW);
    const { stub, problems } = await openView(page, 'scheduled', stubInit({ 'scheduled:list': { value: jobsView([inbox]) } }), size);
    await page.getByRole('article', { name: 'Inbox summary' }).getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('region', { name: 'Edit “Inbox summary”' });
    await expect(form.getByLabel('Time zone')).toHaveValue('America/New_York');
    await expect(form.getByRole('textbox', { name: 'Cron expression' })).toHaveValue('0 8 * * 1-5');
    await expect(form.getByTestId('schedule-preview').getByRole('listitem').first()).toHaveText('Thu 26 Mar, 08:00');
    await form.getByRole('textbox', { name: 'Cron expression' }).fill('0 9 * * 1-5');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => stub.requests('scheduled:update')).toEqual([
      {
        jobId: 'job-inbox',
        job: { name: 'Inbox summary', schedule: { kind: 'cron', expr: '0 9 * * 1-5', tz: 'America/New_York' }, payload: { kind: 'agentTurn', text: inbox.payload.text } },
      },
    ]);
    await page.getByRole('article', { name: 'Inbox summary' }).getByRole('button', { name: 'Edit' }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: 'Edit “Inbox summary”' })).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('a gateway error or a gateway without a scheduler is a message, not a crash', async ({ page }) => {
    const { stub, problems } = await openView(page, 'scheduled', stubInit({ 'scheduled:list': { reject: 'not connected to the gateway (disconnected)' } }), size);
    await expect(page.getByRole('alert')).toContainText('Could not read the scheduled jobs: not connected to the gateway (disconnected)');
    await stub.setAnswer('scheduled:list', { value: { state: 'unsupported', jobs: [], timeZone: 'UTC' } });
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByText('This gateway does not run scheduled jobs')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add job' })).toBeDisabled();
    expect(problems).toEqual([]);
  });
});

test.describe('panel schedule line', () => {
  test('shows the next wake and the last heartbeat when the gateway serves them, and hides them when not', async ({ page }) => {
    await page.clock.setFixedTime(NOW);
    const { stub, problems } = await openView(
      page,
      'panel',
      stubInit({
        'scheduled:summary': {
          value: { timeZone: 'Europe/Berlin', cron: { enabled: true, jobs: 2, nextWakeAtMs: Date.UTC(2026, 2, 25, 13, 30) }, heartbeat: null },
        },
      }),
      { width: 360, height: 640 },
    );
    const summary = page.getByRole('definition').filter({ has: page.locator('time') });
    await expect(page.getByTestId('next-wake')).toHaveText('Wed 25 Mar, 14:30 Europe/Berlin');
    await expect(page.getByTestId('last-heartbeat')).toHaveText('None yet');
    await stub.emit('scheduled:summaryChanged', {
      timeZone: 'Europe/Berlin',
      cron: { enabled: true, jobs: 2, nextWakeAtMs: Date.UTC(2026, 2, 25, 13, 30) },
      heartbeat: { ts: Date.UTC(2026, 2, 25, 11, 45), status: 'ok-token', reason: 'interval' },
    });
    await expect(page.getByTestId('last-heartbeat')).toHaveText('Wed 25 Mar, 12:45 · OK (interval)');
    await expect(summary).toHaveCount(2);
    await page.getByRole('button', { name: 'Scheduled', exact: true }).click();
    await expect.poll(() => stub.requests('window:open')).toEqual([{ view: 'scheduled' }]);
    await shot(page, 'panel-schedule', true);

    // A gateway that serves neither method: no line at all.
    await stub.emit('scheduled:summaryChanged', { timeZone: 'Europe/Berlin' });
    await expect(page.getByTestId('schedule-summary')).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});
