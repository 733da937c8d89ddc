import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isInside, workspaceCwd } from '../../gateway/features/exec-approvals/exec-tool/workspace-cwd.js';
import { ExecToolHarness } from '../helpers/exec-tool-harness.js';

/**
 * Finding 4 (issue 10): the exec tool checked its working directory by comparing path text, so a
 * symlink inside the workspace led a command out of it, and a folder named `..x` was refused.
 */
describe('the exec working directory stays inside the workspace', () => {
  let harness: ExecToolHarness;
  let outside: string;

  beforeEach(() => {
    harness = new ExecToolHarness();
    outside = mkdtempSync(join(tmpdir(), 'gatehouse-outside-'));
    // A person allows `pwd` by name, so only the working-directory check stands in the way.
    harness.setDocument({ version: 1, defaults: { security: 'allowlist', ask: 'on-miss' }, agents: { main: { allowlist: [{ pattern: 'pwd' }] } } });
  });
  afterEach(() => {
    harness.close();
    rmSync(outside, { recursive: true, force: true });
  });

  it('refuses a symlink that points out of the workspace, naming where it leads', async () => {
    symlinkSync(outside, join(harness.workspace, 'innocent'));
    const result = await harness.exec({ command: 'pwd', cwd: 'innocent' });
    expect(result).toMatchObject({ status: 'denied' });
    expect(result.reason).toContain('is outside the agent workspace');
    expect(result.reason).toContain(`resolves to ${realpathSync(outside)}`);
  });

  it('refuses a symlinked folder deeper down too', async () => {
    mkdirSync(join(harness.workspace, 'a'));
    symlinkSync(outside, join(harness.workspace, 'a', 'b'));
    expect(await harness.exec({ command: 'pwd', cwd: 'a/b/.' })).toMatchObject({ status: 'denied' });
  });

  it('refuses ../ and an absolute path outside', async () => {
    expect(await harness.exec({ command: 'pwd', cwd: '../' })).toMatchObject({ status: 'denied', reason: expect.stringContaining('outside the agent workspace') });
    expect(await harness.exec({ command: 'pwd', cwd: outside })).toMatchObject({ status: 'denied' });
  });

  it('allows a folder literally named ..x, and runs in its real path', async () => {
    mkdirSync(join(harness.workspace, '..x'));
    const result = await harness.exec({ command: 'pwd', cwd: '..x' });
    expect(result).toMatchObject({ status: 'ran', exitCode: 0 });
    expect(result.stdout.trim()).toBe(join(realpathSync(harness.workspace), '..x'));
  });

  it('allows a symlink that stays inside the workspace', async () => {
    mkdirSync(join(harness.workspace, 'real'));
    symlinkSync(join(harness.workspace, 'real'), join(harness.workspace, 'alias'));
    expect(await harness.exec({ command: 'pwd', cwd: 'alias' })).toMatchObject({ status: 'ran' });
  });

  it('answers by real paths, not by text', async () => {
    expect(isInside('/w', '/w/..x')).toBe(true);
    expect(isInside('/w', '/w/..')).toBe(false);
    expect(isInside('/w', '/w/../x')).toBe(false);
    expect(isInside('/w', '/wx')).toBe(false);
    expect(await workspaceCwd(harness.workspace, 'missing')).toMatchObject({ ok: false, reason: expect.stringContaining('does not exist') });
  });
});
