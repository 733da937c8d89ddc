/**
 * electron-builder.yml, checked without building (no Electron download here): loaded and
 * validated against electron-builder's own configuration schema, and held to what the app's
 * path logic (main/app-paths.ts) and the gateway bundle (dist/bundle/, build/bundle-gateway.mjs)
 * expect of the packaged layout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPaths, unpackedAppPath } from '../../../main/app-paths.js';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(join(repoRoot, 'package.json'));

interface FileSet {
  from?: string;
  to?: string;
  filter?: string[];
}
interface BuilderConfig {
  files?: (string | FileSet)[];
  asarUnpack?: string[];
  extraResources?: FileSet[];
  afterSign?: string;
  mac?: { target?: string[]; hardenedRuntime?: boolean; notarize?: boolean };
  win?: { target?: string[] };
  linux?: { target?: string[] };
  electronFuses?: Record<string, boolean>;
}

/** Bare specifiers left in the built bundle (`npm test` builds it first): imports, requires, resolves. */
const PACKAGE_SPECIFIER = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w./-]*)?$/;

function packagesTheBundleLoads(): string[] {
  const bundleDir = join(repoRoot, 'dist', 'bundle');
  const files = ['gatehouse.js', ...readdirSync(join(bundleDir, 'chunks')).map((file) => join('chunks', file))];
  const names = new Set<string>();
  for (const file of files) {
    const code = readFileSync(join(bundleDir, file), 'utf8');
    for (const match of code.matchAll(/(?:from |import\(|__require\(|\.resolve\()"([^".][^"]*)"/g)) {
      const specifier = match[1] ?? '';
      // The pattern also meets code that only looks like an import inside a string; a package name it is not.
      if (isBuiltin(specifier) || !PACKAGE_SPECIFIER.test(specifier)) continue;
      names.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier));
    }
  }
  return [...names].sort();
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
    validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util/out/DebugLogger.js') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(repoRoot, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s configuration schema', async () => {
    await expect(loadConfig()).resolves.toBeDefined();
  });

  it('ships the gateway bundle unpacked, where the app forks it, and none of tsc’s per-file output', async () => {
    const config = await loadConfig();
    const patterns = config.files?.flatMap((entry) => (typeof entry === 'string' ? [entry] : (entry.filter ?? []))) ?? [];
    expect(patterns).toEqual(expect.arrayContaining(['out/**', 'dist/bundle/**', 'dist/control-ui/**']));
    expect(patterns).not.toContain('dist/**');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['dist/bundle/**', 'dist/control-ui/**']));
    // No second copy under resources/ any more.
    expect(config.extraResources?.some((entry) => entry.from === 'dist')).toBe(false);

    const appPath = '/opt/Gatehouse/resources/app.asar';
    const { gatewayCli } = resolveAppPaths({ mainDir: `${appPath}/out/main`, isPackaged: true, resourcesPath: '/opt/Gatehouse/resources', appPath });
    expect(relative(unpackedAppPath(appPath), gatewayCli)).toBe(join('dist', 'bundle', 'gatehouse.js'));
  });

  it('unpacks every package the bundle still loads from node_modules', async () => {
    const config = await loadConfig();
    // Optional add-ons tried in a try/catch and not installed: ws's native helpers, and node-fetch's
    // `encoding` (grammY's fetch; only for non-UTF-8 bodies, which the Bot API never sends).
    // @discordjs/ws tries `zlib-sync` the same way (it then inflates with node:zlib).
    const optional = new Set(['bufferutil', 'utf-8-validate', 'encoding', 'zlib-sync']);
    const loaded = packagesTheBundleLoads().filter((name) => !optional.has(name));
    expect(loaded).toContain('sh-syntax');
    for (const name of loaded) expect(config.asarUnpack, name).toContain(`node_modules/${name}/**`);
  });

  it('marks the bundle as ES modules and names its version, away from the app’s package.json', () => {
    const app = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    // Written by build/bundle-gateway.mjs; gateway/core/runtime/version.ts finds the version here when packaged.
    expect(JSON.parse(readFileSync(join(repoRoot, 'dist', 'bundle', 'package.json'), 'utf8'))).toMatchObject({ name: 'gatehouse', version: app.version, type: 'module' });
  });

  it('keeps the platform targets, the notarize hook and the fuses', async () => {
    const config = await loadConfig();
    expect(config.mac).toMatchObject({ target: ['dmg', 'zip'], hardenedRuntime: true, notarize: false });
    expect(config.afterSign).toBe('build/notarize.cjs');
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false });
  });
});
