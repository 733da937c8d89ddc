/**
 * electron-builder.yml, checked without building (no Electron download here): loaded and
 * validated against electron-builder's own configuration schema, and held to what the app's
 * path logic (main/app-paths.ts) expects of the packaged layout.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

  it('ships the gateway unpacked beside the production node_modules, where the app forks it', async () => {
    const config = await loadConfig();
    const patterns = config.files?.flatMap((entry) => (typeof entry === 'string' ? [entry] : (entry.filter ?? []))) ?? [];
    expect(patterns).toEqual(expect.arrayContaining(['out/**', 'dist/**', '!dist/bench/**']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['dist/**', 'node_modules/**']));
    // No second copy under resources/ any more.
    expect(config.extraResources?.some((entry) => entry.from === 'dist')).toBe(false);

    const appPath = '/opt/Gatehouse/resources/app.asar';
    const { gatewayCli } = resolveAppPaths({ mainDir: `${appPath}/out/main`, isPackaged: true, resourcesPath: '/opt/Gatehouse/resources', appPath });
    const inApp = relative(unpackedAppPath(appPath), gatewayCli);
    expect(inApp).toBe(join('dist', 'gateway', 'cli', 'index.js'));
    expect(inApp.startsWith('dist/')).toBe(true);
  });

  it('marks the unpacked dist/ as ES modules, away from the app’s package.json', async () => {
    const config = await loadConfig();
    const mapping = config.files?.find((entry): entry is FileSet => typeof entry !== 'string' && entry.to === 'dist');
    expect(mapping).toEqual({ from: 'build/gateway', to: 'dist', filter: ['package.json'] });
    expect(JSON.parse(readFileSync(join(repoRoot, 'build', 'gateway', 'package.json'), 'utf8'))).toMatchObject({ type: 'module' });
    expect(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))).toMatchObject({ type: 'module' });
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
