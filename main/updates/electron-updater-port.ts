/**
 * UpdaterPort over electron-updater (electron-builder's updater). It reads the feed from the
 * app-update.yml electron-builder writes from the `publish` config (a generic URL), and
 * GATEHOUSE_UPDATE_URL overrides it at run time (a private mirror, a test feed). electron-updater
 * builds its platform updater on first use, so nothing happens until AppUpdater asks — which a
 * development build never does.
 */
import electronUpdater, { type AppUpdater as ElectronAppUpdater } from 'electron-updater';
import type { UpdaterEvent, UpdaterPort } from './app-updater.js';

/** The feed override: an http(s) URL of a folder holding latest.yml / latest-mac.yml / latest-linux.yml. */
export const UPDATE_URL_ENV = 'GATEHOUSE_UPDATE_URL';

export interface ElectronUpdaterPortOptions {
  env?: NodeJS.ProcessEnv;
  log: (level: 'info' | 'warn', message: string) => void;
}

export function electronUpdaterPort(options: ElectronUpdaterPortOptions): UpdaterPort {
  let configured: ElectronAppUpdater | undefined;
  const updater = (): ElectronAppUpdater => {
    if (configured !== undefined) return configured;
    const { autoUpdater } = electronUpdater;
    autoUpdater.autoDownload = true;
    // "Restart to install" is the person's choice; quitting the app installs it too.
    autoUpdater.autoInstallOnAppQuit = true;
    autoUpdater.logger = {
      info: (message?: unknown) => options.log('info', `updater: ${String(message)}`),
      warn: (message?: unknown) => options.log('warn', `updater: ${String(message)}`),
      error: (message?: unknown) => options.log('warn', `updater: ${String(message)}`),
    };
    const override = (options.env ?? process.env)[UPDATE_URL_ENV];
    if (override !== undefined && override !== '') {
      const url = new URL(override);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${UPDATE_URL_ENV} must be an http(s) URL`);
      autoUpdater.setFeedURL({ provider: 'generic', url: url.toString() });
    }
    configured = autoUpdater;
    return autoUpdater;
  };
  return {
    checkForUpdates: async () => {
      await updater().checkForUpdates();
    },
    quitAndInstall: () => updater().quitAndInstall(),
    subscribe(listener: (event: UpdaterEvent) => void) {
      const target = updater();
      const onChecking = () => listener({ type: 'checking' });
      const onAvailable = (info: { version: string }) => listener({ type: 'available', version: info.version });
      const onNotAvailable = () => listener({ type: 'not-available' });
      const onProgress = (progress: { percent: number }) => listener({ type: 'progress', percent: progress.percent });
      const onDownloaded = (info: { version: string }) => listener({ type: 'downloaded', version: info.version });
      const onError = (error: Error) => listener({ type: 'error', message: error.message });
      target.on('checking-for-update', onChecking);
      target.on('update-available', onAvailable);
      target.on('update-not-available', onNotAvailable);
      target.on('download-progress', onProgress);
      target.on('update-downloaded', onDownloaded);
      target.on('error', onError);
      return () => {
        target.off('checking-for-update', onChecking);
        target.off('update-available', onAvailable);
        target.off('update-not-available', onNotAvailable);
        target.off('download-progress', onProgress);
        target.off('update-downloaded', onDownloaded);
        target.off('error', onError);
      };
    },
  };
}
