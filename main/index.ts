/**
 * Gatehouse companion: app lifecycle only. Services are built here and wired together; what
 * they do lives in their own folders (companion/, supervisor/, operator/, tray/, windows/, ipc/,
 * security/, settings/, lifecycle/, platform/ for the Electron adapters).
 *
 * Runs as long as the tray is there: closing windows does not quit, the tray's Quit does.
 */
import { join } from 'node:path';
import { app, ipcMain, shell, utilityProcess } from 'electron';
import type { AppPlatform } from '../shared/ipc/contract.js';
import { appLog } from './app-log.js';
import { resolveAppPaths, type AppPaths } from './app-paths.js';
import { CompanionController } from './companion/companion-controller.js';
import { gatewayLinkFactory } from './companion/gateway-link.js';
import { companionInvokeHandlers } from './ipc/companion-handlers.js';
import { describeElectronSender } from './ipc/electron-sender.js';
import { registerInvokeHandlers } from './ipc/register-invoke-handlers.js';
import { QuitCoordinator } from './lifecycle/quit-coordinator.js';
import { openControlUi } from './operator/control-ui-login.js';
import { ElectronPreferencesStore } from './platform/electron-preferences-store.js';
import { electronClipboard, electronLaunchAtLogin, electronNotifier, safeStorageSecretBox } from './platform/electron-ports.js';
import { openDeviceIdentity } from './platform/open-device-identity.js';
import { askHowToQuit } from './platform/quit-dialog.js';
import { appOriginOf } from './security/app-origin.js';
import { installWebContentsGuards } from './security/web-contents-guards.js';
import type { LaunchAtLogin } from './settings/launch-at-login.js';
import { SealedSecretFile } from './settings/sealed-secret-file.js';
import { runGatewayHost } from './gateway-host.js';
import { AppHostLauncher, GATEWAY_HOST_FLAG } from './supervisor/app-host-launcher.js';
import { QuitAwareLauncher } from './supervisor/quit-aware-launcher.js';
import { UtilityProcessLauncher, type UtilityFork } from './supervisor/utility-process-launcher.js';
import { electronTrayFactory } from './tray/electron-tray.js';
import { controlUiTrayState } from './tray/control-ui-state.js';
import { runTrayAction } from './tray/tray-actions.js';
import { TrayView } from './tray/tray-view.js';
import { systemClock } from './supervisor/supervisor-clock.js';
import { AppUpdater } from './updates/app-updater.js';
import { electronUpdaterPort } from './updates/electron-updater-port.js';
import { appEntryUrl } from './windows/app-asset-path.js';
import { registerAppScheme, serveAppScheme } from './windows/app-protocol.js';
import { ViewWindows } from './windows/view-windows.js';
import { WindowRegistry } from './windows/window-registry.js';

const log = appLog('main');

// A separate profile (tests, a portable copy): must precede the single-instance lock, which is per profile.
const userDataOverride = process.env['GATEHOUSE_USER_DATA_DIR'];
if (userDataOverride) app.setPath('userData', userDataOverride);

if (process.argv.includes(GATEWAY_HOST_FLAG)) {
  // Started by the tray app to host a gateway that may outlive it: nothing else of the app runs.
  runGatewayHost(appPaths().gatewayCli).catch((error: unknown) => {
    log.error('gateway host failed', { error: error instanceof Error ? error.message : String(error) });
    app.exit(1);
  });
} else if (!app.requestSingleInstanceLock()) {
  // Before anything else: a second launch hands over to the first and leaves.
  app.quit();
} else {
  start().catch((error: unknown) => {
    log.error('startup failed', { error: error instanceof Error ? error.message : String(error) });
    app.exit(1);
  });
}

/**
 * `electron .` (process.defaultApp) needs the app folder before the host flag, a packaged app
 * does not; a Chromium that had to be told --no-sandbox (root in a container) needs it again.
 */
function hostLeadingArgs(): string[] {
  return [...(process.defaultApp ? [app.getAppPath()] : []), ...(app.commandLine.hasSwitch('no-sandbox') ? ['--no-sandbox'] : [])];
}

function appPaths(): AppPaths {
  return resolveAppPaths({
    mainDir: import.meta.dirname,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  });
}

async function start(): Promise<void> {
  // Every renderer sandboxed, whatever a window asks for. Must precede `ready`.
  app.enableSandbox();
  registerAppScheme();

  const paths = appPaths();
  // `electron-vite dev` serves the renderer with hot reload and tells us where.
  const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
  const entryUrl = devServerUrl ?? appEntryUrl;
  const origin = appOriginOf(entryUrl);

  installWebContentsGuards(app, {
    origin,
    onViolation: (violation) => log.warn('blocked by security policy', violation),
    openExternal: (url) => void shell.openExternal(url).catch((error: unknown) => log.warn('could not open link', { url, error: String(error) })),
  });

  // Closing the last window keeps the app in the tray. (Registering the listener is what stops
  // Electron's default quit.)
  app.on('window-all-closed', () => {});

  await app.whenReady();
  if (devServerUrl === undefined) serveAppScheme(paths.rendererDir);

  const userData = app.getPath('userData');
  const warn = (message: string) => log.warn(message);
  const identity = await openDeviceIdentity({ dir: join(userData, 'identity'), secretBox: safeStorageSecretBox, onWarning: warn });
  if (identity === undefined) {
    app.exit(0);
    return;
  }
  if (identity.encryption !== 'encrypted') log.warn('no usable keychain: the device key and tokens are stored unencrypted');

  const registry = new WindowRegistry();
  const windows = new ViewWindows({
    entryUrl,
    preloads: paths.preloads,
    registry,
    onLoadFailed: (view, error) => log.error('a window failed to load', { view, error: String(error) }),
  });
  const preferences = new ElectronPreferencesStore();
  const systemLaunchAtLogin = electronLaunchAtLogin();
  // The tray's checkbox follows a change made in Settings too.
  const launchAtLogin: LaunchAtLogin = {
    isEnabled: () => systemLaunchAtLogin.isEnabled(),
    setEnabled: (enabled) => {
      systemLaunchAtLogin.setEnabled(enabled);
      renderTray();
      controller.settingsChanged();
    },
  };
  const controller = new CompanionController({
    appInfo: { version: app.getVersion(), platform: process.platform as AppPlatform },
    links: gatewayLinkFactory({
      stateDir: join(userData, 'gateway'),
      launcher: new QuitAwareLauncher({
        quitBehavior: () => preferences.read().quitBehavior,
        endsWithApp: new UtilityProcessLauncher({ cliEntry: paths.gatewayCli, fork: utilityProcess.fork as unknown as UtilityFork }),
        canOutliveApp: new AppHostLauncher({ executable: process.execPath, leadingArgs: hostLeadingArgs() }),
      }),
      identity,
      clientVersion: app.getVersion(),
      outputLogFile: join(app.getPath('logs'), 'gateway-output.log'),
      operator: { log: (level, message) => (level === 'warn' || level === 'error' ? log.warn(message, { scope: 'operator' }) : undefined) },
      onLogFileError: (error) => log.warn('cannot write the gateway output log', { error: error.message }),
    }),
    preferences,
    secrets: new SealedSecretFile({ file: join(userData, 'secrets.json'), secretBox: safeStorageSecretBox, onWarning: warn }),
    launchAtLogin,
    notifier: electronNotifier,
    clipboard: electronClipboard,
    windows,
    secretEncryption: () => identity.encryption,
    // Each open window hears only the events its kind lists (shared/ipc/window-channels.ts).
    emit: (channel, payload) => windows.broadcast(channel, payload),
    log: (level, message) => (level === 'warn' ? log.warn(message) : log.info(message)),
  });

  registerInvokeHandlers({
    ipcMain,
    handlers: companionInvokeHandlers((channel, request) => controller.invoke(channel, request)),
    policy: { origin, windowKindOf: (id) => registry.kindOf(id) },
    describeSender: describeElectronSender,
    onRefused: (refusal) => log.warn('ipc call refused', refusal),
  });

  // The app's own updates: a packaged app checks at start and every few hours (never in development).
  const updaterLog = (level: 'info' | 'warn', message: string) => (level === 'warn' ? log.warn(message) : log.info(message));
  const appUpdater = new AppUpdater({ port: electronUpdaterPort({ log: updaterLog }), packaged: app.isPackaged, clock: systemClock, log: updaterLog });

  const tray = new TrayView({
    createTray: electronTrayFactory(paths.trayIconsDir),
    onAction: (action) =>
      runTrayAction(action, {
        openView: (view) => windows.open(view),
        gatewayIntent: (intent) => controller.gatewayIntent(intent),
        toggleLaunchAtLogin: () => launchAtLogin.setEnabled(!launchAtLogin.isEnabled()),
        openControlUi: async () => {
          const gateway = controller.controlUiGateway;
          if (gateway === undefined) return { ok: false, message: 'Gatehouse has no token for this gateway: enter it in Settings.' };
          const result = await openControlUi(gateway, { openExternal: (url) => shell.openExternal(url) });
          return result.ok ? { ok: true } : { ok: false, message: result.message };
        },
        quit: () => app.quit(),
        installUpdate: () => void appUpdater.installNow(),
        checkForUpdates: () => void appUpdater.checkNow(),
        onFailure: (message) => electronNotifier.isSupported() && electronNotifier.show({ title: 'Gatehouse', body: message }),
      }),
  });
  const renderTray = (): void => {
    const { state, counts } = controller.status;
    tray.setState({
      gateway: state,
      approvals: counts.approvals,
      pairing: counts.pairing,
      launchAtLogin: launchAtLogin.isEnabled(),
      controlUi: controlUiTrayState(controller.controlUiGateway),
      appUpdate: appUpdater.state,
    });
  };
  renderTray();
  controller.onStatus(renderTray);
  appUpdater.onChange(renderTray);

  const quit = new QuitCoordinator({
    preferences,
    ownsRunningGateway: () => controller.ownsRunningGateway,
    canLeaveRunning: () => controller.canLeaveGatewayRunning,
    ask: askHowToQuit,
    shutdown: (options) => controller.shutdown(options),
    quit: () => app.quit(),
    log: warn,
  });
  app.on('before-quit', (event) => quit.onBeforeQuit(event));
  app.on('will-quit', () => {
    appUpdater.stop();
    tray.destroy();
  });

  app.on('second-instance', () => windows.open('panel'));
  // macOS: clicking the Dock icon of a running app.
  app.on('activate', () => windows.open('panel'));

  if (!preferences.read().onboardingDone) windows.open('onboarding');
  void controller.start();
  appUpdater.start();
  log.info('ready', { version: app.getVersion(), origin: origin.origin });
}
