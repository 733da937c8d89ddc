import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { successorArgs } from '../../../gateway/cli/process-successor.js';
import { locateNpm, npmInstallTarget, packageBin } from '../../../gateway/features/update/npm-install-target.js';
import { installCommand } from '../../../gateway/features/update/npm-updater.js';

// Where npm put the gateway decides where the update goes; each layout is built in a temp dir.

describe('npm install target', () => {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-npm-target-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function pkg(dir: string, manifest: Record<string, unknown> = { name: 'gatehouse', version: '0.1.0', bin: { gatehouse: 'bin/gatehouse.js' } }): string {
    mkdirSync(join(dir, 'bin'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
    writeFileSync(join(dir, 'bin', 'gatehouse.js'), '');
    return dir;
  }

  it('a global install (<prefix>/lib/node_modules/gatehouse) is updated with -g --prefix <prefix>', () => {
    const found = npmInstallTarget(pkg(join(root, 'global', 'lib', 'node_modules', 'gatehouse')), 'linux');
    expect(found).toEqual({ ok: true, target: { packageName: 'gatehouse', prefix: join(root, 'global'), global: true } });
    if (!found.ok) return;
    expect(installCommand(found.target, '0.2.0')).toEqual({
      args: ['install', '-g', '--prefix', join(root, 'global'), '--no-audit', '--no-fund', '--update-notifier=false', 'gatehouse@0.2.0'],
      display: `npm install -g --prefix ${JSON.stringify(join(root, 'global'))} gatehouse@0.2.0`,
    });
  });

  it('a Windows global install (<prefix>\\node_modules\\gatehouse) has the prefix right above node_modules', () => {
    expect(npmInstallTarget(pkg(join(root, 'win', 'node_modules', 'gatehouse')), 'win32')).toEqual({ ok: true, target: { packageName: 'gatehouse', prefix: join(root, 'win'), global: true } });
  });

  it("a project's dependency is updated in that project, without -g", () => {
    const project = join(root, 'project');
    pkg(project, { name: 'my-project' });
    const found = npmInstallTarget(pkg(join(project, 'node_modules', 'gatehouse')), 'linux');
    expect(found).toEqual({ ok: true, target: { packageName: 'gatehouse', prefix: project, global: false } });
    if (found.ok) expect(installCommand(found.target, '1.0.0').args).not.toContain('-g');
  });

  it('refuses a nested dependency, a folder outside node_modules and a package.json without a valid name', () => {
    expect(npmInstallTarget(pkg(join(root, 'app', 'node_modules', 'other', 'node_modules', 'gatehouse')), 'linux')).toMatchObject({ ok: false, reason: expect.stringContaining('nested dependency') });
    expect(npmInstallTarget(pkg(join(root, 'loose', 'gatehouse')), 'linux')).toMatchObject({ ok: false, reason: expect.stringContaining('not inside a node_modules') });
    expect(npmInstallTarget(pkg(join(root, 'bad', 'lib', 'node_modules', 'gatehouse'), { name: '--registry=http://evil' }), 'linux')).toMatchObject({ ok: false, reason: expect.stringContaining('does not name an npm package') });
  });

  it('finds the installed command from package.json bin, and never outside the package', () => {
    const dir = pkg(join(root, 'bins', 'lib', 'node_modules', 'gatehouse'));
    expect(packageBin(dir, 'gatehouse')).toBe(join(dir, 'bin', 'gatehouse.js'));
    pkg(dir, { name: 'gatehouse', bin: { gatehouse: '../../../../evil.js' } });
    expect(packageBin(dir, 'gatehouse')).toBeUndefined();
  });

  it('uses the npm beside the Node binary when there is one, else npm from PATH (never on Windows)', () => {
    const node = join(root, 'node', 'bin', 'node');
    mkdirSync(join(root, 'node', 'lib', 'node_modules', 'npm', 'bin'), { recursive: true });
    writeFileSync(join(root, 'node', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'), '');
    expect(locateNpm(node, 'linux')).toEqual({ program: node, leadingArgs: [join(root, 'node', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')] });
    expect(locateNpm(join(root, 'elsewhere', 'node'), 'linux')).toEqual({ program: 'npm', leadingArgs: [] });
    expect(locateNpm(join(root, 'elsewhere', 'node.exe'), 'win32')).toBeUndefined();
  });

  it('the successor keeps every argument but pins the port to the bound one', () => {
    expect(successorArgs(['gateway', 'run', '--port', '0', '--state-dir', '/s', '--token', 't'], 41234)).toEqual(['gateway', 'run', '--state-dir', '/s', '--token', 't', '--port', '41234']);
    expect(successorArgs(['gateway', 'run', '--port=18789'], 18789)).toEqual(['gateway', 'run', '--port', '18789']);
    expect(successorArgs(['gateway', 'run'], 18789)).toEqual(['gateway', 'run', '--port', '18789']);
  });
});
