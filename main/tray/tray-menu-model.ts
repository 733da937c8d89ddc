/**
 * The tray as a function of the gateway state: icon, tooltip and menu, all from one switch.
 * The menu is rebuilt from this model on every state change, never patched item by item.
 * Pure, so tests cover every state under Node; tray-view.ts turns the model into a real tray.
 */
import type { GatewayState } from '../../shared/ipc/gateway-state.js';

/** What a menu item asks the app to do. Gateway intents go to the supervisor once it exists. */
export type TrayAction =
  | 'open-panel'
  | 'gateway:start'
  | 'gateway:stop'
  | 'gateway:restart'
  | 'gateway:retry'
  | 'quit';

export type TrayMenuItem =
  | { kind: 'status'; label: string }
  | { kind: 'action'; action: TrayAction; label: string }
  | { kind: 'separator' };

/** The file name stem of the icon in build/icons/tray/ (`<iconName>.png`, `<iconName>@2x.png`). */
export type TrayIconName = `tray-${GatewayState}`;

export interface TrayMenuModel {
  tooltip: string;
  iconName: TrayIconName;
  items: readonly TrayMenuItem[];
}

const productName = 'Gatehouse';

const status = (label: string): TrayMenuItem => ({ kind: 'status', label });
const action = (action: TrayAction, label: string): TrayMenuItem => ({ kind: 'action', action, label });
const separator: TrayMenuItem = { kind: 'separator' };
const openPanel = action('open-panel', `Open ${productName}`);
const quit = action('quit', `Quit ${productName}`);

export function trayMenuModel(state: GatewayState): TrayMenuModel {
  switch (state) {
    case 'stopped':
      return model(state, 'Gateway stopped', [action('gateway:start', 'Start gateway')]);
    case 'starting':
      return model(state, 'Gateway starting…', [action('gateway:stop', 'Stop gateway')]);
    case 'running':
      return model(state, 'Gateway running', [
        action('gateway:restart', 'Restart gateway'),
        action('gateway:stop', 'Stop gateway'),
      ]);
    case 'attached':
      // Someone else started this gateway; we use it but never stop or restart it.
      return model(state, 'Using a gateway started elsewhere', []);
    case 'degraded':
      return model(state, 'Gateway running with problems', [
        action('gateway:restart', 'Restart gateway'),
        action('gateway:stop', 'Stop gateway'),
      ]);
    case 'error':
      return model(state, 'Gateway failed to start', [action('gateway:retry', 'Retry')]);
    default:
      return assertNever(state);
  }
}

function model(state: GatewayState, statusLabel: string, gatewayActions: TrayMenuItem[]): TrayMenuModel {
  return {
    tooltip: `${productName} — ${statusLabel}`,
    iconName: `tray-${state}`,
    items: [
      status(statusLabel),
      separator,
      openPanel,
      ...gatewayActions,
      separator,
      quit,
    ],
  };
}

function assertNever(value: never): never {
  throw new Error(`tray: unknown gateway state ${String(value)}`);
}
