import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPaths, unpackedAppPath } from '../../../main/app-paths.js';
import { appOriginOf } from '../../../main/security/app-origin.js';
import { appEntryUrl, resolveAppAsset } from '../../../main/windows/app-asset-path.js';

const rendererDir = resolve('/opt/gatehouse/out/renderer');

describe('resolveAppAsset', () => {
  it('serves index.html for the entry URL and the bare origin', () => {
    expect(resolveAppAsset(rendererDir, appEntryUrl)).toEqual({
      path: join(rendererDir, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppAsset(rendererDir, 'app://gatehouse/')?.path).toBe(join(rendererDir, 'index.html'));
  });

  it('serves built assets with their content type, ignoring query and hash', () => {
    expect(resolveAppAsset(rendererDir, 'app://gatehouse/assets/index-abc.js?v=1#x')).toEqual({
      path: join(rendererDir, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppAsset(rendererDir, 'app://gatehouse/assets/index-abc.css')?.contentType).toBe('text/css; charset=utf-8');
  });

  it.each([
    ['app://gatehouse/../../main/index.js', join(rendererDir, 'main', 'index.js')],
    ['app://gatehouse/%2e%2e/%2e%2e/package.json', join(rendererDir, 'package.json')],
  ])('keeps dot segments inside the renderer folder: %s', (url, expected) => {
    // The URL parser removes `..` segments (also percent-encoded ones) before we see the path.
    expect(resolveAppAsset(rendererDir, url)?.path).toBe(expected);
  });

  it.each([
    ['an encoded-slash escape', 'app://gatehouse/assets%2f..%2f..%2f..%2fsecret.json'],
    ['an encoded backslash', 'app://gatehouse/..%5c..%5csecret.json'],
    ['a NUL byte', 'app://gatehouse/index.html%00.png'],
    ['a malformed escape', 'app://gatehouse/%E0%A4%A'],
    ['another host', 'app://other/index.html'],
    ['another scheme', 'file:///opt/gatehouse/out/renderer/index.html'],
    ['an unknown file type', 'app://gatehouse/tool.exe'],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppAsset(rendererDir, url)).toBeNull();
  });
});

describe('appOriginOf', () => {
  it('reports the custom scheme origin that URL.origin calls "null"', () => {
    expect(appOriginOf(appEntryUrl).origin).toBe('app://gatehouse');
  });

  it('refuses an entry without a host, such as file://', () => {
    expect(() => appOriginOf('file:///opt/gatehouse/out/renderer/index.html')).toThrow(/has no host/);
  });
});

describe('resolveAppPaths', () => {
  it('finds the tray icons in resources/ when packaged', () => {
    const paths = resolveAppPaths({
      mainDir: '/Applications/Gatehouse.app/Contents/Resources/app.asar/out/main',
      isPackaged: true,
      resourcesPath: '/Applications/Gatehouse.app/Contents/Resources',
      appPath: '/Applications/Gatehouse.app/Contents/Resources/app.asar',
    });

    expect(paths).toEqual({
      rendererDir: '/Applications/Gatehouse.app/Contents/Resources/app.asar/out/renderer',
      preloads: {
        panel: '/Applications/Gatehouse.app/Contents/Resources/app.asar/out/preload/panel.cjs',
        chat: '/Applications/Gatehouse.app/Contents/Resources/app.asar/out/preload/chat.cjs',
        approvals: '/Applications/Gatehouse.app/Contents/Resources/app.asar/out/preload/approvals.cjs',
        pairing: '/Applications/Gatehouse.app/Contents/Resources/app.asar/out/preload/pairing.cjs',
        settings: '/Applications/Gatehouse.app/Contents/Resources/app.asar/out/preload/settings.cjs',
        logs: '/Applications/Gatehouse.app/Contents/Resources/app.asar/out/preload/logs.cjs',
        scheduled: '/Applications/Gatehouse.app/Contents/Resources/app.asar/out/preload/scheduled.cjs',
        onboarding: '/Applications/Gatehouse.app/Contents/Resources/app.asar/out/preload/onboarding.cjs',
      },
      trayIconsDir: '/Applications/Gatehouse.app/Contents/Resources/icons/tray',
      // The bundle, unpacked beside the archive, next to the unpacked node_modules/sh-syntax it loads.
      gatewayCli: '/Applications/Gatehouse.app/Contents/Resources/app.asar.unpacked/dist/bundle/gatehouse.js',
    });
  });

  it('finds the packaged gateway on Linux and Windows layouts too', () => {
    const linux = resolveAppPaths({ mainDir: '/opt/Gatehouse/resources/app.asar/out/main', isPackaged: true, resourcesPath: '/opt/Gatehouse/resources', appPath: '/opt/Gatehouse/resources/app.asar' });
    expect(linux.gatewayCli).toBe('/opt/Gatehouse/resources/app.asar.unpacked/dist/bundle/gatehouse.js');
    // `asar: false` (or an unpacked dev copy): the app folder itself.
    const plain = resolveAppPaths({ mainDir: '/opt/Gatehouse/resources/app/out/main', isPackaged: true, resourcesPath: '/opt/Gatehouse/resources', appPath: '/opt/Gatehouse/resources/app' });
    expect(plain.gatewayCli).toBe('/opt/Gatehouse/resources/app/dist/bundle/gatehouse.js');
  });

  it('points at a gateway entry that exists in this repo after `npm run build:gateway`', () => {
    const repo = join(import.meta.dirname, '..', '..', '..');
    const paths = resolveAppPaths({ mainDir: join(repo, 'out', 'main'), isPackaged: false, resourcesPath: '/x', appPath: repo });
    expect(existsSync(paths.gatewayCli)).toBe(true);
    expect(unpackedAppPath(repo)).toBe(repo);
  });

  it('uses the repo layout in development', () => {
    const paths = resolveAppPaths({ mainDir: '/repo/out/main', isPackaged: false, resourcesPath: '/x', appPath: '/repo' });

    expect(paths).toEqual({
      rendererDir: '/repo/out/renderer',
      preloads: expect.objectContaining({ panel: '/repo/out/preload/panel.cjs', chat: '/repo/out/preload/chat.cjs' }),
      trayIconsDir: '/repo/build/icons/tray',
      gatewayCli: '/repo/dist/bundle/gatehouse.js',
    });
  });
});
