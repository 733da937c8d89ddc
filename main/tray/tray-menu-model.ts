/**
 * The tray as a function of the app's state: icon, tooltip and menu, all from one switch.
 * The menu is rebuilt from this model on every change, never patched item by item. Every action
 * is in the menu, because Linux AppIndicator trays deliver no clicks on the icon itself.
 * Pure, so tests cover every state under Node; tray-view.ts turns the model into a real tray.
 */
import type { GatewayState } from '../../shared/ipc/gateway-state.js';
import { fingerprintForDisplay } from '../../shared/gateway-host/tls-fingerprint.js';
import { appUpdateLabel, type AppUpdateState } from '../updates/app-updater.js';

/** What a menu item asks the app to do. */
export type TrayAction =
  | 'open-panel'
  | 'open-chat'
  | 'open-approvals'
  | 'open-pairing'
  | 'open-logs'
  | 'open-scheduled'
  | 'open-settings'
  | 'open-control-ui'
  | 'toggle-launch-at-login'
  | 'install-update'
  | 'check-for-updates'
  | 'gateway:start'
  | 'gateway:stop'
  | 'gateway:restart'
  | 'gateway:retry'
  | 'quit';

export type TrayMenuItem =
  | { kind: 'status'; label: string }
  | { kind: 'action'; action: TrayAction; label: string }
  | { kind: 'checkbox'; action: TrayAction; label: string; checked: boolean }
  | { kind: 'separator' };

/** The file name stem of the icon in build/icons/tray/ (`<iconName>.png`, `<iconName>@2x.png`). */
export type TrayIconName = `tray-${GatewayState}`;

export interface TrayState {
  gateway: GatewayState;
  /** Pending exec approvals and pairing requests. */
  approvals: number;
  pairing: number;
  launchAtLogin: boolean;
  /**
   * Whether "Open Control UI" can be offered (the app can mint a login code for its gateway),
   * and the SHA-256 fingerprint of the gateway's TLS certificate while it serves HTTPS.
   */
  controlUi?: { available: boolean; tlsFingerprint?: string };
  /** The app's own updates (main/updates/app-updater.ts); absent or `disabled` in a development build. */
  appUpdate?: AppUpdateState;
}

export interface TrayMenuModel {
  tooltip: string;
  iconName: TrayIconName;
  items: readonly TrayMenuItem[];
}

const productName = 'Gatehouse';

const status = (label: string): TrayMenuItem => ({ kind: 'status', label });
const action = (action: TrayAction, label: string): TrayMenuItem => ({ kind: 'action', action, label });
const separator: TrayMenuItem = { kind: 'separator' };

/** The old signature (a bare state) still works: nothing waiting, launch at login off. */
export function trayMenuModel(input: TrayState | GatewayState): TrayMenuModel {
  const state: TrayState = typeof input === 'string' ? { gateway: input, approvals: 0, pairing: 0, launchAtLogin: false } : input;
  const { label, actions } = gatewayPart(state.gateway);
  const waiting = waitingText(state.approvals, state.pairing);
  const statusLabel = waiting === undefined ? label : `${label} · ${waiting}`;
  return {
    tooltip: `${productName} — ${statusLabel}`,
    iconName: `tray-${state.gateway}`,
    items: [
      status(statusLabel),
      ...(actions.length > 0 ? [separator, ...actions] : []),
      separator,
      action('open-panel', `Open ${productName}`),
      action('open-chat', 'Open Chat'),
      action('open-approvals', `Approvals (${state.approvals})`),
      action('open-pairing', `Pairing (${state.pairing})`),
      action('open-scheduled', 'Scheduled'),
      action('open-logs', 'Logs'),
      action('open-settings', 'Settings'),
      ...controlUiPart(state),
      ...appUpdatePart(state.appUpdate),
      separator,
      { kind: 'checkbox', action: 'toggle-launch-at-login', label: 'Launch at login', checked: state.launchAtLogin },
      separator,
      action('quit', `Quit ${productName}`),
    ],
  };
}

function gatewayPart(state: GatewayState): { label: string; actions: TrayMenuItem[] } {
  switch (state) {
    case 'stopped':
      return { label: 'Gateway stopped', actions: [action('gateway:start', 'Start gateway')] };
    case 'starting':
      return { label: 'Gateway starting…', actions: [action('gateway:stop', 'Stop gateway')] };
    case 'running':
      return { label: 'Gateway running', actions: [action('gateway:restart', 'Restart gateway'), action('gateway:stop', 'Stop gateway')] };
    case 'attached':
      // Someone else started this gateway; we use it but never stop or restart it.
      return { label: 'Using a gateway started elsewhere', actions: [] };
    case 'degraded':
      return {
        label: 'Gateway running with problems',
        actions: [action('gateway:restart', 'Restart gateway'), action('gateway:stop', 'Stop gateway')],
      };
    case 'error':
      return { label: 'Gateway failed to start', actions: [action('gateway:retry', 'Retry')] };
    default:
      return assertNever(state);
  }
}

/** Only while a gateway answers: the link needs a code minted by it. */
function controlUiPart(state: TrayState): TrayMenuItem[] {
  const serving = state.gateway === 'running' || state.gateway === 'attached' || state.gateway === 'degraded';
  if (!state.controlUi?.available || !serving) return [];
  const fingerprint = state.controlUi.tlsFingerprint;
  return [
    separator,
    action('open-control-ui', 'Open Control UI'),
    // Compared by eye with what the browser shows for the self-signed certificate.
    ...(fingerprint ? [status(`TLS SHA-256 ${fingerprintForDisplay(fingerprint)}`)] : []),
  ];
}

/** "Update available — restart to install" once downloaded; otherwise what the updater is doing, and a way to ask. */
function appUpdatePart(update: AppUpdateState | undefined): TrayMenuItem[] {
  if (update === undefined || update.kind === 'disabled') return [];
  const label = appUpdateLabel(update);
  if (update.kind === 'downloaded' && label !== undefined) return [separator, action('install-update', label)];
  const idle = update.kind === 'idle' || update.kind === 'error';
  return [separator, ...(label === undefined ? [] : [status(label)]), ...(idle ? [action('check-for-updates', 'Check for updates')] : [])];
}

function waitingText(approvals: number, pairing: number): string | undefined {
  const total = approvals + pairing;
  return total === 0 ? undefined : `${total} waiting`;
}

function assertNever(value: never): never {
  throw new Error(`tray: unknown gateway state ${String(value)}`);
}
