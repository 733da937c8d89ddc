/**
 * Where the app's files are, in development (`electron-vite dev|preview`, run from the repo)
 * and when packaged by electron-builder (see electron-builder.yml: `out/**` inside app.asar,
 * tray icons in `resources/icons/tray/`).
 */
import { join } from 'node:path';

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
}

export function resolveAppPaths({ mainDir, isPackaged, resourcesPath, appPath }: AppPathsInput): AppPaths {
  const outDir = join(mainDir, '..');
  return {
    rendererDir: join(outDir, 'renderer'),
    panelPreload: join(outDir, 'preload', 'panel.cjs'),
    trayIconsDir: isPackaged ? join(resourcesPath, 'icons', 'tray') : join(appPath, 'build', 'icons', 'tray'),
  };
}
