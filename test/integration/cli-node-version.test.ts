/**
 * bin/gatehouse.js on a Node that is too old: one sentence saying which Node it needs and how to
 * get it, exit code 1 — never node:sqlite's ERR_UNKNOWN_BUILTIN_MODULE and a stack trace.
 * Run with the machine's own older Node when it has one (/usr/bin/node), and always with the
 * current Node told it is older.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/gatehouse.js');
const SYSTEM_NODE = '/usr/bin/node';
const workDir = mkdtempSync(join(tmpdir(), 'gatehouse-node-version-'));

/** A preload that makes the running Node report another version, as an older Node would. */
function pretendVersion(version: string): string {
  const file = join(workDir, `pretend-${version}.cjs`);
  writeFileSync(file, `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: ${JSON.stringify(version)} } });\n`);
  return file;
}

function run(node: string, args: string[]) {
  return spawnSync(node, [...args, BIN, 'gateway', 'run', '--port', '0', '--state-dir', workDir], { encoding: 'utf8', timeout: 20_000 });
}

function expectRefusal(result: ReturnType<typeof run>, version: string): void {
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('gatehouse needs Node.js 22.12 or newer (22 or 24 recommended)');
  expect(lines[0]).toContain(`this is Node ${version}`);
  expect(lines[0]).toContain('https://nodejs.org');
  expect(result.stderr).not.toMatch(/ERR_UNKNOWN_BUILTIN_MODULE|\n\s+at /);
}

function systemNodeVersion(): string | undefined {
  if (!existsSync(SYSTEM_NODE)) return undefined;
  const result = spawnSync(SYSTEM_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('gatehouse on an older Node', () => {
  const systemVersion = systemNodeVersion();
  const systemIsOld = systemVersion !== undefined && Number(systemVersion.split('.')[0]) < 22;

  it.skipIf(!systemIsOld)(`says which Node it needs and exits 1 on the machine's Node (${systemVersion ?? 'none'})`, () => {
    expectRefusal(run(SYSTEM_NODE, []), systemVersion ?? '');
  });

  it('says the same on Node 20 and 22.11, simulated', () => {
    for (const version of ['20.11.1', '22.11.0']) expectRefusal(run(process.execPath, ['-r', pretendVersion(version)]), version);
  });

  it('runs on 22.12, the oldest it accepts', () => {
    const result = spawnSync(process.execPath, ['-r', pretendVersion('22.12.0'), BIN, '--version'], { encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('asks for the same Node as package.json "engines"', () => {
    const required = /const REQUIRED_NODE = '([\d.]+)';/.exec(readFileSync(BIN, 'utf8'))?.[1];
    const engines = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(`>=${required}`);
  });
});
