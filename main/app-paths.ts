/**
 * Where the app's files are, in development (`electron-vite dev|preview`, run from the repo)
 * and when packaged by electron-builder (see electron-builder.yml: `out/**` inside app.asar,
 * the gateway's `dist/**` and the production `node_modules/**` unpacked next to it in
 * `app.asar.unpacked/`, tray icons in `resources/icons/tray/`).
 */
import { basename, dirname, join } from 'node:path';

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
  panelPreload: string;
  trayIconsDir: string;
  /** The gateway CLI entry the supervisor forks: `dist/gateway/cli/index.js`. */
  gatewayCli: string;
}

export function resolveAppPaths({ mainDir, isPackaged, resourcesPath, appPath }: AppPathsInput): AppPaths {
  const outDir = join(mainDir, '..');
  return {
    rendererDir: join(outDir, 'renderer'),
    panelPreload: join(outDir, 'preload', 'panel.cjs'),
    trayIconsDir: isPackaged ? join(resourcesPath, 'icons', 'tray') : join(appPath, 'build', 'icons', 'tray'),
    gatewayCli: join(unpackedAppPath(appPath), 'dist', 'gateway', 'cli', 'index.js'),
  };
}

/**
 * Files electron-builder unpacks (`asarUnpack`) live in `app.asar.unpacked/` beside the archive.
 * The gateway runs from there as plain files: its module resolution then walks up to
 * `app.asar.unpacked/node_modules`, also unpacked, without any asar support in the child.
 */
export function unpackedAppPath(appPath: string): string {
  return basename(appPath).endsWith('.asar') ? join(dirname(appPath), `${basename(appPath)}.unpacked`) : appPath;
}
