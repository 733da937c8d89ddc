/**
 * Where the app's files are, in development (`electron-vite dev|preview`, run from the repo)
 * and when packaged by electron-builder (see electron-builder.yml: `out/**` inside app.asar,
 * the gateway's bundle `dist/bundle/**` and the one package it loads from disk,
 * `node_modules/sh-syntax`, unpacked next to it in `app.asar.unpacked/`, tray icons in
 * `resources/icons/tray/`).
 */
import { basename, dirname, join } from 'node:path';
import { windowKinds, type WindowKind } from '../shared/ipc/window-kinds.js';

export interface AppPathsInput {
  /** The folder of the bundled main script: `<app>/out/main`. */
  mainDir: string;
  /** `app.isPackaged`. */
  isPackaged: boolean;
  /** `process.resourcesPath`. */
  resourcesPath: string;
  /** `app.getAppPath()`: the repo root in development, `…/resources/app.asar` when packaged. */
  appPath: string;
}

export interface AppPaths {
  rendererDir: string;
  /** One preload per kind of window, each exposing only that kind's channels: `out/preload/<kind>.cjs`. */
  preloads: Readonly<Record<WindowKind, string>>;
  trayIconsDir: string;
  /** The gateway CLI entry the supervisor forks: the bundle `dist/bundle/gatehouse.js` (build/bundle-gateway.mjs). */
  gatewayCli: string;
}

export function resolveAppPaths({ mainDir, isPackaged, resourcesPath, appPath }: AppPathsInput): AppPaths {
  const outDir = join(mainDir, '..');
  return {
    rendererDir: join(outDir, 'renderer'),
    preloads: preloadPaths(join(outDir, 'preload')),
    trayIconsDir: isPackaged ? join(resourcesPath, 'icons', 'tray') : join(appPath, 'build', 'icons', 'tray'),
    gatewayCli: join(unpackedAppPath(appPath), 'dist', 'bundle', 'gatehouse.js'),
  };
}

/** Built by electron-vite from preload/<kind>.ts (electron.vite.config.ts). */
function preloadPaths(preloadDir: string): Readonly<Record<WindowKind, string>> {
  return Object.freeze(Object.fromEntries(windowKinds.map((kind) => [kind, join(preloadDir, `${kind}.cjs`)])) as Record<WindowKind, string>);
}

/**
 * Files electron-builder unpacks (`asarUnpack`) live in `app.asar.unpacked/` beside the archive.
 * The gateway runs from there as plain files: the bundle holds its dependencies, and the one it
 * leaves to node_modules (sh-syntax, which reads its WebAssembly file from its own folder) is
 * found by walking up to `app.asar.unpacked/node_modules`, also unpacked, without any asar
 * support in the child.
 */
export function unpackedAppPath(appPath: string): string {
  return basename(appPath).endsWith('.asar') ? join(dirname(appPath), `${basename(appPath)}.unpacked`) : appPath;
}
