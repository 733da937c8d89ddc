import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';

/**
 * Where npm put this gateway, so the update goes to the same place: a global install
 * (`<prefix>/lib/node_modules/<name>`, or `<prefix>\node_modules\<name>` on Windows) is updated
 * with `npm install -g --prefix <prefix>`; a project's dependency (`<project>/node_modules/<name>`)
 * with `npm install --prefix <project>`.
 */
export interface NpmInstallTarget {
  packageName: string;
  prefix: string;
  global: boolean;
}

export type NpmInstallTargetResult = { ok: true; target: NpmInstallTarget } | { ok: false; reason: string };

/** npm's package-name rule (lowercase, URL-safe, optional scope). */
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

export function npmInstallTarget(root: string, platform: NodeJS.Platform = process.platform): NpmInstallTargetResult {
  let name: unknown;
  try {
    name = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: unknown }).name;
  } catch (error) {
    return { ok: false, reason: `cannot read ${join(root, 'package.json')}: ${(error as Error).message}` };
  }
  if (typeof name !== 'string' || !PACKAGE_NAME.test(name)) return { ok: false, reason: `${join(root, 'package.json')} does not name an npm package` };
  const scoped = name.startsWith('@');
  const nodeModules = scoped ? dirname(dirname(root)) : dirname(root);
  if (basename(nodeModules) !== 'node_modules') return { ok: false, reason: `${root} is not inside a node_modules folder` };
  const parent = dirname(nodeModules);
  // A dependency of a dependency belongs to that package's install, not ours to change.
  if (parent.split(sep).includes('node_modules')) return { ok: false, reason: `${root} is a nested dependency of another package; update that package instead` };
  if (existsSync(join(parent, 'package.json'))) return { ok: true, target: { packageName: name, prefix: parent, global: false } };
  if (platform === 'win32') return { ok: true, target: { packageName: name, prefix: parent, global: true } };
  if (basename(parent) === 'lib') return { ok: true, target: { packageName: name, prefix: dirname(parent), global: true } };
  return { ok: false, reason: `${root} is neither in a global npm prefix (<prefix>/lib/node_modules) nor in a project with a package.json` };
}

/**
 * npm as this Node runs it: the npm that ships beside the Node binary (run with that Node, no
 * shell), else `npm` from PATH. On Windows `npm` is a .cmd script, which cannot run without a
 * shell, so only the bundled npm-cli.js is used there.
 */
export interface NpmProgram {
  program: string;
  leadingArgs: string[];
}

export function locateNpm(execPath: string = process.execPath, platform: NodeJS.Platform = process.platform): NpmProgram | undefined {
  const nodeDir = dirname(execPath);
  const candidates = platform === 'win32' ? [join(nodeDir, 'node_modules', 'npm', 'bin', 'npm-cli.js')] : [join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')];
  for (const cli of candidates) if (existsSync(cli)) return { program: execPath, leadingArgs: [cli] };
  return platform === 'win32' ? undefined : { program: 'npm', leadingArgs: [] };
}

/** The `bin` a package's package.json names for `command` (or its only bin), resolved in `root`. */
export function packageBin(root: string, command: string): string | undefined {
  let bin: unknown;
  try {
    bin = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: unknown }).bin;
  } catch {
    return undefined;
  }
  const relative = typeof bin === 'string' ? bin : typeof bin === 'object' && bin !== null ? (bin as Record<string, unknown>)[command] : undefined;
  if (typeof relative !== 'string' || relative.includes('..')) return undefined;
  const path = join(root, relative);
  return existsSync(path) ? path : undefined;
}
