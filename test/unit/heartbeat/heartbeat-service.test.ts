import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { heartbeatHarness, RecordingDelivery, type Harness } from './heartbeat-harness.js';
import { visibleHeartbeatText } from '../../../gateway/features/heartbeat/heartbeat-ack.js';

const MINUTE = 60_000;
let harness: Harness;

function start(options: Parameters<typeof heartbeatHarness>[0] = {}): Harness {
  harness = heartbeatHarness(options);
  harness.service.start();
  return harness;
}

afterEach(() => harness.close());

describe('heartbeat cadence', () => {
  it('runs every 30 minutes by default, in the main session, with the heartbeat prompt', async () => {
    const h = start();
    h.writeHeartbeatFile('- [ ] check the inbox\n');
    await h.advance(29 * MINUTE);
    expect(h.turns.requests).toHaveLength(0);
    await h.advance(MINUTE);
    expect(h.turns.requests).toHaveLength(1);
    expect(h.turns.requests[0]).toMatchObject({ origin: { kind: 'heartbeat', id: 'interval' }, agentId: 'main', sessionKey: 'agent:main:main' });
    expect(h.turns.requests[0]?.message).toContain('HEARTBEAT_OK');
    await h.advance(30 * MINUTE);
    expect(h.turns.requests).toHaveLength(2);
    expect(h.events.map((event) => event.status)).toEqual(['ok-token', 'ok-token']);
  });

  it('follows a config change: a new cadence re-arms the timer, "0m" stops it', async () => {
    const h = start();
    h.writeHeartbeatFile('Look at the calendar.');
    h.setConfig({ agents: { defaults: { heartbeat: { every: '5m' } } } });
    await h.advance(5 * MINUTE);
    expect(h.turns.requests).toHaveLength(1);
    expect(h.state.status()).toMatchObject({ enabled: true, agents: [{ agentId: 'main', enabled: true, every: '5m', everyMs: 300_000 }] });
    h.setConfig({ agents: { defaults: { heartbeat: { every: '0m' } } } });
    await h.advance(60 * MINUTE);
    expect(h.turns.requests).toHaveLength(1);
    expect(h.state.healthOf('main')).toMatchObject({ enabled: false, every: '0m' });
  });

  it('anchors the schedule at the last heartbeat across a restart', async () => {
    const database = new DatabaseSync(':memory:');
    const first = start({ database });
    first.writeHeartbeatFile('Look at the calendar.');
    await first.advance(30 * MINUTE);
    const lastRun = first.time.now;
    first.service.stop();
    // The gateway comes back 10 minutes later: the next heartbeat is still 30 minutes after the last.
    const second = heartbeatHarness({ database, workspace: first.workspace, startAt: lastRun + 10 * MINUTE });
    second.service.start();
    expect(second.state.status().agents[0]).toMatchObject({ nextDueMs: lastRun + 30 * MINUTE });
    second.close();
  });
});

describe('the skip chain', () => {
  it('skips while heartbeats are switched off, and says so when woken', async () => {
    const h = start();
    h.writeHeartbeatFile('Look at the calendar.');
    h.service.setEnabled(false);
    await h.advance(120 * MINUTE);
    expect(h.events).toEqual([]);
    h.service.onWake({ reason: 'wake', mode: 'now' });
    await h.service.idle();
    expect(h.turns.requests).toHaveLength(0);
    expect(h.events).toEqual([{ ts: h.time.now, status: 'skipped', reason: 'disabled' }]);
    expect(h.repository.switchState()).toBe(false);
    expect(h.state.status().enabled).toBe(false);
  });

  it('skips outside active hours in the configured zone', async () => {
    // 10:00 UTC = 11:00 in Berlin; the window closes at 11:15 Berlin time.
    const h = start({ config: { agents: { defaults: { heartbeat: { every: '30m', activeHours: { start: '08:00', end: '11:15', timezone: 'Europe/Berlin' } } } } } });
    h.writeHeartbeatFile('Look at the calendar.');
    await h.advance(30 * MINUTE);
    expect(h.turns.requests).toHaveLength(0);
    expect(h.events.at(-1)).toMatchObject({ status: 'skipped', reason: 'quiet-hours' });
  });

  it('skips while a request is in flight in the main session', async () => {
    const h = start();
    h.writeHeartbeatFile('Look at the calendar.');
    h.inFlight.count = 1;
    await h.advance(30 * MINUTE);
    expect(h.turns.requests).toHaveLength(0);
    expect(h.events.at(-1)).toMatchObject({ status: 'skipped', reason: 'requests-in-flight' });
  });

  it('skips an empty or missing HEARTBEAT.md without calling the model', async () => {
    const h = start();
    await h.advance(30 * MINUTE);
    expect(h.events.at(-1)).toMatchObject({ status: 'skipped', reason: 'no-heartbeat-file' });
    h.writeHeartbeatFile('# Heartbeat\n\n- [ ]\n');
    await h.advance(30 * MINUTE);
    expect(h.events.at(-1)).toMatchObject({ status: 'skipped', reason: 'empty-heartbeat-file' });
    expect(h.turns.requests).toHaveLength(0);
  });

  it('runs with an empty HEARTBEAT.md when system events are queued', async () => {
    const h = start();
    h.writeHeartbeatFile('');
    h.queued.count = 1;
    await h.advance(30 * MINUTE);
    expect(h.turns.requests).toHaveLength(1);
  });
});

describe('what the reply means', () => {
  it('reports ok-empty, ok-token, sent and failed', async () => {
    const h = start();
    h.writeHeartbeatFile('Look at the calendar.');
    h.turns.replies.push('', '**HEARTBEAT_OK**', `${'Dentist moved to 16:00. '.repeat(20)}HEARTBEAT_OK`, { status: 'error', message: 'model refused' }, new Error('no model configured'));
    for (let i = 0; i < 5; i++) await h.advance(30 * MINUTE);
    expect(h.events.map((event) => [event.status, event.reason])).toEqual([
      ['ok-empty', 'interval'],
      ['ok-token', 'interval'],
      ['sent', 'interval'],
      ['failed', 'model refused'],
      ['failed', 'no model configured'],
    ]);
    expect(h.events[2]?.preview).toHaveLength(200);
    expect(h.events[2]?.preview).not.toContain('HEARTBEAT_OK');
    expect(h.service.lastEvent()).toEqual(h.events[4]);
  });

  it('suppresses the same alert within 24 hours, then delivers it again', async () => {
    const h = start({ config: { agents: { defaults: { heartbeat: { every: '6h' } } } } });
    h.writeHeartbeatFile('Watch the rent.');
    h.turns.replies.push('Rent is due tomorrow.', 'Rent is due tomorrow.', 'Something else.', 'Rent is due tomorrow.', 'Rent is due tomorrow.');
    for (let i = 0; i < 5; i++) await h.advance(6 * 60 * MINUTE);
    expect(h.events.map((event) => [event.status, event.reason ?? ''])).toEqual([
      ['sent', 'interval'],
      ['skipped', 'duplicate'],
      ['sent', 'interval'],
      ['sent', 'interval'],
      ['skipped', 'duplicate'],
    ]);
    // 24 h after the last delivery the reminder is news again.
    h.turns.replies.push('Rent is due tomorrow.', 'Rent is due tomorrow.', 'Rent is due tomorrow.');
    for (let i = 0; i < 3; i++) await h.advance(6 * 60 * MINUTE);
    expect(h.events.slice(5).map((event) => event.status)).toEqual(['skipped', 'skipped', 'sent']);
  });
});

describe('wake requests', () => {
  it('"now" runs a heartbeat at once, even with an empty HEARTBEAT.md when text is queued', async () => {
    const h = start();
    h.writeHeartbeatFile('');
    h.queued.count = 1;
    h.turns.replies.push('You asked me to call Alex.');
    h.service.onWake({ reason: 'wake', mode: 'now' });
    await h.service.idle();
    expect(h.turns.requests).toHaveLength(1);
    expect(h.turns.requests[0]?.origin).toEqual({ kind: 'heartbeat', id: 'wake' });
    expect(h.events).toEqual([expect.objectContaining({ status: 'sent', reason: 'wake', preview: 'You asked me to call Alex.' })]);
  });

  it('"next-heartbeat" leaves the text to the next scheduled heartbeat', async () => {
    const h = start();
    h.writeHeartbeatFile('');
    h.queued.count = 1;
    h.service.onWake({ reason: 'wake', mode: 'next-heartbeat' });
    await h.service.idle();
    expect(h.turns.requests).toHaveLength(0);
    await h.advance(30 * MINUTE);
    expect(h.turns.requests).toHaveLength(1);
  });

  it('a wake that finds the session busy waits for it instead of dropping the request', async () => {
    const h = start();
    h.writeHeartbeatFile('Look at the calendar.');
    h.inFlight.count = 1;
    h.service.onWake({ reason: 'cron:job-1', mode: 'now' });
    await h.service.idle();
    await h.advance(3_000);
    expect(h.turns.requests).toHaveLength(0);
    expect(h.events).toEqual([]);
    h.inFlight.count = 0;
    await h.advance(1_000);
    expect(h.turns.requests).toHaveLength(1);
    expect(h.turns.requests[0]?.origin.id).toBe('cron:job-1');
  });

  it('a wake for an unknown agent does nothing', async () => {
    const h = start();
    h.service.onWake({ reason: 'wake', mode: 'now', agentId: 'ghost' });
    await h.service.idle();
    expect(h.events).toEqual([]);
  });
});

describe('alerts delivered to a chat', () => {
  const every = { agents: { defaults: { heartbeat: { every: '30m' } } } };

  it('sends an alert to "last" by default, never an acknowledgement, and keeps duplicate suppression', async () => {
    const delivery = new RecordingDelivery();
    const h = start({ config: every, delivery });
    h.writeHeartbeatFile('- [ ] watch the build\n');
    h.turns.replies.push('**HEARTBEAT_OK**', 'The build is red.', 'The build is red.');
    for (let i = 0; i < 3; i++) await h.advance(30 * MINUTE);
    expect(h.events.map((event) => [event.status, event.reason])).toEqual([
      ['ok-token', 'interval'],
      ['sent', 'interval'],
      ['skipped', 'duplicate'],
    ]);
    expect(delivery.delivered).toEqual([{ sessionKey: 'agent:main:main', text: 'The build is red.' }]);
    expect(h.events[1]).toMatchObject({ channel: 'telegram', accountId: 'default', to: '4242', indicatorType: 'alert' });
    expect(h.turns.requests[0]?.visibleText).toBe(visibleHeartbeatText);
  });

  it('sends to an explicit channel and to', async () => {
    const delivery = new RecordingDelivery();
    const h = start({ config: { agents: { defaults: { heartbeat: { every: '30m', target: 'discord', to: 'user:99', accountId: 'work' } } } }, delivery });
    h.writeHeartbeatFile('- [ ] x\n');
    h.turns.replies.push('Standup moved.');
    await h.advance(30 * MINUTE);
    expect(delivery.delivered).toEqual([{ sessionKey: 'agent:main:main', channel: 'discord', to: 'user:99', accountId: 'work', text: 'Standup moved.' }]);
  });

  it('reports no-target and failures; target "none" or no channel keeps the alert in the session and the event', async () => {
    const delivery = new RecordingDelivery();
    const h = start({ config: every, delivery });
    h.writeHeartbeatFile('- [ ] x\n');
    delivery.noTarget = 'no chat to deliver to: agent main has not heard from anyone on a channel yet';
    h.turns.replies.push('Alert one.');
    await h.advance(30 * MINUTE);
    delivery.noTarget = undefined;
    delivery.failWith = 'Telegram said 403: bot was blocked by the user';
    h.turns.replies.push('Alert two.');
    await h.advance(30 * MINUTE);
    delivery.failWith = undefined;
    delivery.unavailable = 'no chat channel is configured';
    h.turns.replies.push('Alert three.');
    await h.advance(30 * MINUTE);
    expect(h.events.map((event) => [event.status, event.reason])).toEqual([
      ['skipped', 'no-target'],
      ['failed', 'Telegram said 403: bot was blocked by the user'],
      ['sent', 'interval'],
    ]);
    expect(h.events[0]?.message).toMatch(/has not heard from anyone/);
    expect(h.events[2]?.channel).toBeUndefined();
    expect(delivery.delivered).toEqual([]);
  });
});
