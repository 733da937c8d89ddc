import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GATEWAY_SCOPE } from '../../gateway/features/exec-approvals/approvals-documents.js';
import { ExecToolHarness } from '../helpers/exec-tool-harness.js';

/**
 * Finding 3 (issue 10): the exec tool's `env` input was invisible. GIT_SSH_COMMAND, PERL5OPT or
 * NODE_OPTIONS change what an allowed command does, yet were neither blocked, nor shown to the
 * person approving, nor part of what allow-always remembered.
 */
describe('the exec tool environment', () => {
  let harness: ExecToolHarness;
  beforeEach(() => (harness = new ExecToolHarness()));
  afterEach(() => harness.close());

  it.each([
    ['LD_PRELOAD', /dynamic linker/],
    ['LD_LIBRARY_PATH', /dynamic linker/],
    ['LD_AUDIT', /dynamic linker/],
    ['DYLD_INSERT_LIBRARIES', /dynamic linker/],
    ['BASH_ENV', /shell runs code/],
    ['ENV', /shell runs code/],
    ['IFS', /parses commands differently/],
    ['PERL5OPT', /perl loads code/],
    ['PERL5LIB', /perl loads code/],
    ['PYTHONPATH', /python/],
    ['PYTHONSTARTUP', /python/],
    ['PYTHONHOME', /python/],
    ['NODE_OPTIONS', /node loads code/],
    ['NODE_PATH', /node loads code/],
    ['RUBYOPT', /ruby loads code/],
    ['RUBYLIB', /ruby loads code/],
    ['GIT_SSH_COMMAND', /git runs commands/],
    ['GIT_EXEC_PATH', /git runs commands/],
    ['GIT_CONFIG_COUNT', /git runs commands/],
    ['PATH', /which program a command name runs/],
    ['Path', /which program a command name runs/],
    ['HOME', /configuration/],
    ['BASH_FUNC_ls%%', /not a valid variable name/],
  ])('refuses %s with a tool error that names it and says why, before anyone is asked', async (name, why) => {
    const attempt = harness.exec({ command: 'echo hi', env: { [name]: '/tmp/evil' } });
    await expect(attempt).rejects.toThrow(new RegExp(`^environment variable ${name.replace(/[$%]/g, '\\$&')} is blocked: `));
    await expect(attempt).rejects.toThrow(why);
    expect(harness.queue.list()).toEqual([]);
    expect(harness.broadcasts).toEqual([]);
  });

  it('shows the extra variables in the approval request a person sees', async () => {
    const { approval, result } = await harness.execAnswering({ command: 'echo "$GREETING"', env: { GREETING: 'hello' } }, 'allow-once');
    expect(approval?.request.env).toEqual({ GREETING: 'hello' });
    const requested = harness.broadcasts.find((b) => b.event === 'exec.approval.requested');
    expect(requested?.payload.request.env).toEqual({ GREETING: 'hello' });
    expect(result).toMatchObject({ status: 'ran', stdout: 'hello\n' });
  });

  it('allow-always pins the environment: only the identical environment runs unasked', async () => {
    const env = { GIT_AUTHOR_NAME: 'Agent' };
    await harness.execAnswering({ command: 'echo pinned', env }, 'allow-always');
    const [entryId] = Object.keys(harness.documents.provenance(GATEWAY_SCOPE));
    expect(harness.documents.provenance(GATEWAY_SCOPE)[entryId!]).toMatchObject({ env });

    expect((await harness.execAnswering({ command: 'echo pinned', env }, 'deny')).approval).toBeUndefined();
    // The same command with another value, another variable, or none at all asks again.
    for (const other of [{ GIT_AUTHOR_NAME: 'Mallory' }, { ...env, GIT_COMMITTER_NAME: 'x' }, undefined]) {
      const { approval, result } = await harness.execAnswering({ command: 'echo pinned', ...(other ? { env: other } : {}) }, 'deny');
      expect(approval).toBeDefined();
      expect(result).toMatchObject({ status: 'denied' });
    }
  });

  it('an entry remembered without an environment does not cover the same command with one', async () => {
    await harness.execAnswering({ command: 'echo plain' }, 'allow-always');
    expect((await harness.execAnswering({ command: 'echo plain' }, 'deny')).approval).toBeUndefined();
    const { approval } = await harness.execAnswering({ command: 'echo plain', env: { LANGUAGE: 'fr' } }, 'deny');
    expect(approval?.request.env).toEqual({ LANGUAGE: 'fr' });
  });
});
