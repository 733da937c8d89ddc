/**
 * Carries out what the tray menu asks for. Each action goes to the same place a window's
 * button would: the controller for gateway intents, the window set for views.
 */
import type { ActionResult } from '../../shared/ipc/contract.js';
import type { SupervisorIntent } from '../supervisor/supervisor-status.js';
import type { AppView } from '../windows/view-window-specs.js';
import type { TrayAction } from './tray-menu-model.js';

export interface TrayActionTargets {
  openView(view: AppView): void;
  gatewayIntent(intent: SupervisorIntent): Promise<ActionResult>;
  toggleLaunchAtLogin(): void;
  /** Mints a login code and opens the browser on the Control UI (main/operator/control-ui-login.ts). */
  openControlUi?(): Promise<ActionResult>;
  quit(): void;
  /** The app's own update (main/updates/app-updater.ts): restart into the downloaded version, or ask the feed now. */
  installUpdate?(): void;
  checkForUpdates?(): void;
  /** A gateway intent from the menu did not work: the app tells the person (no window may be open). */
  onFailure(message: string): void;
}

const views: Partial<Record<TrayAction, AppView>> = {
  'open-panel': 'panel',
  'open-chat': 'chat',
  'open-approvals': 'approvals',
  'open-pairing': 'pairing',
  'open-logs': 'logs',
  'open-scheduled': 'scheduled',
  'open-settings': 'settings',
};

const intents: Partial<Record<TrayAction, SupervisorIntent>> = {
  'gateway:start': 'start',
  'gateway:stop': 'stop',
  'gateway:restart': 'restart',
  'gateway:retry': 'retry',
};

export function runTrayAction(action: TrayAction, targets: TrayActionTargets): void {
  const view = views[action];
  if (view !== undefined) {
    targets.openView(view);
    return;
  }
  const intent = intents[action];
  if (intent !== undefined) {
    void targets.gatewayIntent(intent).then(
      (result) => {
        if (!result.ok) targets.onFailure(result.message ?? `The gateway could not ${intent}.`);
      },
      (error: unknown) => targets.onFailure(error instanceof Error ? error.message : String(error)),
    );
    return;
  }
  if (action === 'open-control-ui') {
    const open = targets.openControlUi;
    if (!open) return;
    void open.call(targets).then(
      (result) => {
        if (!result.ok) targets.onFailure(result.message ?? 'The Control UI could not be opened.');
      },
      (error: unknown) => targets.onFailure(error instanceof Error ? error.message : String(error)),
    );
    return;
  }
  if (action === 'install-update') targets.installUpdate?.();
  else if (action === 'check-for-updates') targets.checkForUpdates?.();
  else if (action === 'toggle-launch-at-login') targets.toggleLaunchAtLogin();
  else if (action === 'quit') targets.quit();
}
