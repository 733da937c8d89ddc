import { describe, expect, it } from 'vitest';
import { entryMatches, exactEntryFor } from '../../../gateway/features/exec-approvals/allowlist-match.js';
import { analyzeCommand, type CommandSegment } from '../../../gateway/features/exec-approvals/command-analysis.js';
import { effectivePolicy } from '../../../gateway/features/exec-approvals/exec-policy.js';
import { DEFAULT_APPROVALS_DOCUMENT, documentHash } from '../../../gateway/features/exec-approvals/approvals-document.js';
import type { GatehouseConfig } from '../../../gateway/core/config/index.js';

const PATH = process.env.PATH;

async function segmentsOf(command: string): Promise<CommandSegment[]> {
  const analysis = await analyzeCommand(command, PATH, '/tmp');
  if (!analysis.safe) throw new Error(`unexpectedly unsafe: ${analysis.reason}`);
  return analysis.segments;
}

describe('command analysis', () => {
  it('splits a shell chain into segments, honouring quotes', async () => {
    const segments = await segmentsOf(`echo "a && b" && ls -la | grep x; printf '%s' ok`);
    expect(segments.map((s) => [s.binary, s.args])).toEqual([
      ['echo', ['a && b']],
      ['ls', ['-la']],
      ['grep', ['x']],
      ['printf', ['%s', 'ok']],
    ]);
    expect(segments[0]!.resolvedPath).toMatch(/\/echo$/);
  });

  it('refuses to split what it cannot prove: a leading assignment is not dropped any more', async () => {
    expect(await analyzeCommand(`FOO=1 printf '%s' ok`, PATH, '/tmp')).toEqual({
      safe: false,
      reason: 'leading assignment FOO=… changes how the command runs',
    });
  });

  it('matches allowlist entries by resolved path glob, bare name and argPattern', async () => {
    const [segment] = await segmentsOf('echo hello world');
    expect(entryMatches({ pattern: 'echo' }, segment!, undefined)).toBe(true);
    expect(entryMatches({ pattern: '/**/echo' }, segment!, undefined)).toBe(true);
    expect(entryMatches({ pattern: 'ls' }, segment!, undefined)).toBe(false);
    expect(entryMatches({ pattern: 'echo', argPattern: '^hello' }, segment!, undefined)).toBe(true);
    expect(entryMatches({ pattern: 'echo', argPattern: '^bye' }, segment!, undefined)).toBe(false);
    const exact = exactEntryFor(segment!);
    expect(entryMatches(exact, segment!, undefined)).toBe(true);
    const [other] = await segmentsOf('echo hello world && rm -rf /');
    expect(entryMatches(exact, { ...other!, args: ['hello', 'world', '--more'] }, undefined)).toBe(false);
  });
});

describe('effective exec policy (config.md §5)', () => {
  const config = (exec?: Record<string, unknown>): GatehouseConfig => ({ tools: exec ? { exec } : undefined }) as unknown as GatehouseConfig;

  it('asks by default, and takes the stricter of config and document field by field', () => {
    expect(effectivePolicy(config(), DEFAULT_APPROVALS_DOCUMENT, 'main')).toEqual({
      security: 'allowlist',
      ask: 'on-miss',
      askFallback: 'deny',
      autoAllowSkills: false,
    });
    const open = { version: 1 as const, defaults: { security: 'full' as const, ask: 'off' as const } };
    expect(effectivePolicy(config({ mode: 'full' }), open, 'main')).toMatchObject({ security: 'full', ask: 'off' });
    expect(effectivePolicy(config({ mode: 'deny' }), open, 'main')).toMatchObject({ security: 'deny' });
    expect(effectivePolicy(config({ mode: 'ask' }), open, 'main')).toMatchObject({ security: 'allowlist', ask: 'on-miss' });
    const perAgent = { version: 1 as const, defaults: { security: 'full' as const }, agents: { ops: { ask: 'always' as const } } };
    expect(effectivePolicy(config(), perAgent, 'ops')).toMatchObject({ security: 'full', ask: 'always' });
  });

  it('hashes documents canonically', () => {
    expect(documentHash({ version: 1, defaults: { ask: 'off', security: 'full' } })).toBe(
      documentHash({ defaults: { security: 'full', ask: 'off' }, version: 1 }),
    );
  });
});
