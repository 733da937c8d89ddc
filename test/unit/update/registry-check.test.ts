import { describe, expect, it } from 'vitest';
import { CHECK_TTL_MS, FAILED_CHECK_TTL_MS, RegistryCheck } from '../../../gateway/features/update/registry-check.js';
import type { StepOutcome, StepSpec } from '../../../gateway/features/update/run-step.js';

// The registry check runs `npm view` (a fake runner answers here) and is cached, so polling
// update.status never polls the registry.

function fakeNpm(answers: Array<{ code: number; stdout: string; stderr?: string }>) {
  const calls: StepSpec[] = [];
  const run = (spec: StepSpec): Promise<StepOutcome> => {
    calls.push(spec);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)] as { code: number; stdout: string; stderr?: string };
    return Promise.resolve({
      ok: answer.code === 0,
      stdout: answer.stdout,
      step: { name: spec.name, command: spec.display, durationMs: 1, exitCode: answer.code, termination: 'exit', ...(answer.stderr ? { stderrTail: answer.stderr } : {}) },
    });
  };
  return { calls, run };
}

function check(npm: ReturnType<typeof fakeNpm>, clock: { now: number }, currentVersion = '0.1.0') {
  return new RegistryCheck({ npm: { program: 'npm', leadingArgs: [] }, packageName: 'gatehouse', currentVersion, distTag: 'latest', cwd: '/prefix', env: {}, runStep: npm.run, now: () => clock.now });
}

describe('registry check', () => {
  it('asks npm for the latest tag, in a cache of its own, and reports a newer version', async () => {
    const npm = fakeNpm([{ code: 0, stdout: '"0.2.0"\n' }]);
    const registry = check(npm, { now: 0 });
    expect(await registry.check()).toMatchObject({ ok: true, latest: '0.2.0', newer: true });
    expect(npm.calls[0]?.args.slice(0, 4)).toEqual(['view', 'gatehouse@latest', 'version', '--json']);
    expect(npm.calls[0]?.args).toContain('--cache');
    expect(npm.calls[0]?.cwd).toBe('/prefix');
    expect(registry.available()).toEqual({ currentVersion: '0.1.0', latestVersion: '0.2.0', channel: 'stable' });
  });

  it('reuses a good answer for an hour and a failure for five minutes; force always asks', async () => {
    const clock = { now: 0 };
    const npm = fakeNpm([{ code: 0, stdout: '"0.1.0"' }, { code: 1, stdout: '', stderr: 'npm error network ECONNREFUSED' }, { code: 0, stdout: '"0.3.0"' }]);
    const registry = check(npm, clock);
    await registry.recent();
    await registry.recent();
    expect(npm.calls).toHaveLength(1);
    expect(registry.available()).toBeNull();
    clock.now = CHECK_TTL_MS;
    expect(await registry.recent()).toMatchObject({ ok: false, reason: expect.stringContaining('ECONNREFUSED') });
    clock.now += FAILED_CHECK_TTL_MS - 1;
    await registry.recent();
    expect(npm.calls).toHaveLength(2);
    await registry.recent(true);
    expect(npm.calls).toHaveLength(3);
    expect(registry.available()?.latestVersion).toBe('0.3.0');
  });

  it('joins a check already on its way instead of starting a second npm', async () => {
    const npm = fakeNpm([{ code: 0, stdout: '"0.1.0"' }]);
    const registry = check(npm, { now: 0 });
    await Promise.all([registry.check(), registry.check(), registry.recent(true)]);
    expect(npm.calls).toHaveLength(1);
  });

  it('takes the last of several versions, and treats an answer that is not a version as no answer', async () => {
    expect(await check(fakeNpm([{ code: 0, stdout: '["0.1.1","0.1.2"]' }]), { now: 0 }).check()).toMatchObject({ ok: true, latest: '0.1.2' });
    for (const stdout of ['', '"latest"', '"--registry=http://evil.test"', '{"version":"9.9.9"}', 'not json']) {
      expect(await check(fakeNpm([{ code: 0, stdout }]), { now: 0 }).check(), stdout).toMatchObject({ ok: false, reason: expect.stringContaining('no version under the "latest" tag') });
    }
  });

  it('an older version on the registry is not an update', async () => {
    expect(await check(fakeNpm([{ code: 0, stdout: '"0.0.9"' }]), { now: 0 }).check()).toMatchObject({ ok: true, newer: false });
  });
});
