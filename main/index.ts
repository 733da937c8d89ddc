/**
 * Gatehouse companion: app lifecycle only. Services are built here and wired together; what
 * they do lives in their own folders (tray/, windows/, ipc/, security/, supervisor/).
 *
 * Runs as long as the tray is there: closing windows does not quit, the tray's Quit does.
 */
import { app, ipcMain } from 'electron';
import type { AppPlatform } from '../shared/ipc/contract.js';
import { appLog } from './app-log.js';
import { resolveAppPaths } from './app-paths.js';
import { describeElectronSender } from './ipc/electron-sender.js';
import { registerInvokeHandlers } from './ipc/register-invoke-handlers.js';
import { shellHandlers } from './ipc/shell-handlers.js';
import { appOriginOf } from './security/app-origin.js';
import { installWebContentsGuards } from './security/web-contents-guards.js';
import { GatewayStateStore } from './supervisor/gateway-state-store.js';
import { electronTrayFactory } from './tray/electron-tray.js';
import type { TrayAction } from './tray/tray-menu-model.js';
import { TrayView } from './tray/tray-view.js';
import { appEntryUrl } from './windows/app-asset-path.js';
import { registerAppScheme, serveAppScheme } from './windows/app-protocol.js';
import { PanelWindow } from './windows/panel-window.js';
import { WindowRegistry } from './windows/window-registry.js';

const log = appLog('main');

// Before anything else: a second launch hands over to the first and leaves.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((error: unknown) => {
    log.error('startup failed', { error: error instanceof Error ? error.message : String(error) });
    app.exit(1);
  });
}

async function start(): Promise<void> {
  // Every renderer sandboxed, whatever a window asks for. Must precede `ready`.
  app.enableSandbox();
  registerAppScheme();

  const paths = resolveAppPaths({
    mainDir: import.meta.dirname,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  });
  // `electron-vite dev` serves the renderer with hot reload and tells us where.
  const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
  const entryUrl = devServerUrl ?? appEntryUrl;
  const origin = appOriginOf(entryUrl);

  installWebContentsGuards(app, {
    origin,
    onViolation: (violation) => log.warn('blocked by security policy', violation),
  });

  // Closing the last window keeps the app in the tray. (Registering the listener is what stops
  // Electron's default quit.)
  app.on('window-all-closed', () => {});

  await app.whenReady();
  if (devServerUrl === undefined) serveAppScheme(paths.rendererDir);

  const gatewayState = new GatewayStateStore('stopped');
  const windows = new WindowRegistry();
  const panel = new PanelWindow({
    url: entryUrl,
    preload: paths.panelPreload,
    registry: windows,
    onLoadFailed: (error) => log.error('panel failed to load', { error: String(error) }),
  });

  registerInvokeHandlers({
    ipcMain,
    handlers: shellHandlers({
      appInfo: { version: app.getVersion(), platform: process.platform as AppPlatform },
      currentGatewayState: () => gatewayState.get(),
    }),
    policy: { origin, isOwnWebContents: (id) => windows.has(id) },
    describeSender: describeElectronSender,
    onRefused: (refusal) => log.warn('ipc call refused', refusal),
  });

  const tray = new TrayView({
    createTray: electronTrayFactory(paths.trayIconsDir),
    onAction: (action) => runTrayAction(action, panel),
  });
  tray.setState(gatewayState.get());
  gatewayState.subscribe((state) => {
    tray.setState(state);
    panel.send('tray:state', { state });
  });

  app.on('second-instance', () => panel.show());
  // macOS: clicking the Dock icon of a running app.
  app.on('activate', () => panel.show());
  app.on('before-quit', () => tray.destroy());

  log.info('ready', { version: app.getVersion(), origin: origin.origin });
}

function runTrayAction(action: TrayAction, panel: PanelWindow): void {
  switch (action) {
    case 'open-panel':
      panel.show();
      return;
    case 'quit':
      app.quit();
      return;
    case 'gateway:start':
    case 'gateway:stop':
    case 'gateway:restart':
    case 'gateway:retry':
      // The gateway supervisor is the next step; until then these intents have no one to go to.
      log.warn('gateway control is not available yet', { action });
      return;
  }
}
