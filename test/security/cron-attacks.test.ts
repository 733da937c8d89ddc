import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

// Scheduled jobs run with the gateway's authority long after the caller is gone, so writing them
// is an admin act: a read-only client must not add, change, remove or fire one, and hostile
// params must be refused before anything is stored.

const JOB = { name: 'reminder', schedule: { kind: 'every', everyMs: 3_600_000 }, payload: { kind: 'systemEvent', text: 'stretch' } };

describe('cron attacks', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  let reader: RawClient;
  let jobId: string;

  beforeAll(async () => {
    gateway = await startGateway();
    admin = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.admin'] })).client;
    reader = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'] })).client;
    jobId = (await admin.call('cron.add', JOB)).id as string;
  });
  afterAll(async () => {
    admin.close();
    reader.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it.each([
    ['cron.add', JOB],
    ['cron.update', () => ({ id: jobId, patch: { payload: { kind: 'systemEvent', text: 'pwned' } } })],
    ['cron.remove', () => ({ id: jobId })],
    ['cron.run', () => ({ id: jobId, mode: 'force' })],
  ])('a read-only client cannot call %s', async (method, params) => {
    const runsBefore = (await admin.call('cron.runs', { id: jobId })).entries.length;
    const response = await reader.request(method, typeof params === 'function' ? params() : params);
    expect(response.ok).toBe(false);
    expect(response.error.message).toMatch(/missing scope: operator\.admin/);
    const [job] = (await admin.call('cron.list', { includeDisabled: true })).jobs;
    expect(job).toMatchObject({ id: jobId, payload: { text: 'stretch' } });
    // An hourly job runs once at creation; a refused cron.run adds nothing.
    expect((await admin.call('cron.runs', { id: jobId })).entries).toHaveLength(runsBefore);
    expect((await admin.call('cron.status', {})).jobs).toBe(1);
  });

  it('lets a read-only client read jobs, status and runs', async () => {
    expect((await reader.call('cron.list', {})).jobs).toHaveLength(1);
    expect(await reader.call('cron.status', {})).toMatchObject({ jobs: 1 });
  });

  it.each([
    ['an undefined top-level key', { ...JOB, runAs: 'root' }, /unexpected property 'runAs'/],
    ['an undefined payload key', { ...JOB, payload: { kind: 'systemEvent', text: 'x', shell: 'rm -rf /' } }, /unexpected property 'shell'/],
    ['a command payload', { ...JOB, payload: { kind: 'command', argv: ['sh', '-c', 'id'] } }, /payload\.kind/],
    ['an oversized text', { ...JOB, payload: { kind: 'systemEvent', text: 'x'.repeat(60_000) } }, /payload\/text/],
    ['an oversized name', { ...JOB, name: 'n'.repeat(1_000) }, /name/],
    ['a garbage schedule', { ...JOB, schedule: 'every minute' }, /schedule/],
    ['a cron expression that is not one', { ...JOB, schedule: { kind: 'cron', expr: '$(reboot) * * * *' } }, /schedule\.expr/],
    ['a zone path', { ...JOB, schedule: { kind: 'cron', expr: '0 8 * * *', tz: '../../etc/passwd' } }, /schedule\.tz/],
    ['a sub-second interval', { ...JOB, schedule: { kind: 'every', everyMs: 1 } }, /schedule\.everyMs/],
    ['a stagger window of days', { ...JOB, schedule: { kind: 'cron', expr: '0 * * * *', staggerMs: 10 * 86_400_000 } }, /schedule\.staggerMs/],
    ['a failure alert with an undefined key', { ...JOB, failureAlert: { after: 1, exec: 'curl evil' } }, /unexpected property 'exec'/],
    ['a failure alert mode that does not exist', { ...JOB, failureAlert: { mode: 'shell' } }, /failureAlert\.mode/],
    ['a failure alert that is a string', { ...JOB, failureAlert: 'yes' }, /failureAlert/],
    ['a prototype key', JSON.parse('{"name":"p","__proto__":{"enabled":true},"schedule":{"everyMs":60000},"payload":{"kind":"systemEvent","text":"t"}}'), /unexpected property/],
  ])('refuses %s', async (_label, params, message) => {
    const response = await admin.request('cron.add', params);
    expect(response.ok).toBe(false);
    expect(response.error.code).toBe('INVALID_REQUEST');
    expect(response.error.message).toMatch(message);
    expect((await admin.call('cron.status', {})).jobs).toBe(1);
  });

  it('lets a read-only client see skipped runs, and refuses an includeSkipped that is not a boolean', async () => {
    expect((await reader.call('cron.runs', { id: jobId, includeSkipped: true })).entries).toEqual(expect.any(Array));
    for (const includeSkipped of ['true', 1, null, {}, ['skipped']]) {
      const response = await reader.request('cron.runs', { id: jobId, includeSkipped });
      expect(response.ok).toBe(false);
      expect(response.error.code).toBe('INVALID_REQUEST');
      expect(response.error.message).toMatch(/includeSkipped/);
    }
    const status = await reader.request('cron.runs', { id: jobId, statuses: ['skipped', 'pwned'] });
    expect(status.error?.code).toBe('INVALID_REQUEST');
  });

  it('refuses a failure alert whose includeSkipped is not a boolean', async () => {
    for (const includeSkipped of ['yes', 1, { $gt: 0 }]) {
      const response = await admin.request('cron.add', { ...JOB, failureAlert: { after: 1, includeSkipped } });
      expect(response.ok).toBe(false);
      expect(response.error.code).toBe('INVALID_REQUEST');
    }
    const patched = await admin.request('cron.update', { id: jobId, patch: { failureAlert: { includeSkipped: 'true' } } });
    expect(patched.ok).toBe(false);
    expect((await admin.call('cron.status', {})).jobs).toBe(1);
  });

  it('answers an unknown or hostile job id with CRON_JOB_NOT_FOUND, never a crash', async () => {
    for (const id of ['../../gatehouse.sqlite', "x' OR '1'='1", 'nope']) {
      const response = await admin.request('cron.run', { id });
      expect(response.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'CRON_JOB_NOT_FOUND', jobId: id } });
    }
    expect((await admin.request('cron.runs', { id: 'x'.repeat(500) })).ok).toBe(false);
  });
});
