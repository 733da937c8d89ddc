/**
 * The system tray icon: owns the tray, renders it from the gateway state through
 * trayMenuModel(), and turns clicks into TrayActions for the app to carry out.
 *
 * Electron's Tray and Menu come in through `createTray` (see electron-tray.ts), so the view
 * runs under Node in tests with a fake tray.
 */
import type { GatewayState } from '../../shared/ipc/gateway-state.js';
import { trayMenuModel, type TrayAction, type TrayIconName, type TrayMenuItem, type TrayState } from './tray-menu-model.js';

/** The little of Electron's Tray the view needs. */
export interface TrayPort {
  setImage(iconName: TrayIconName): void;
  setToolTip(tooltip: string): void;
  /** Replaces the whole context menu; `onAction` is called with the action of a clicked item. */
  setMenu(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): void;
  /** A plain click on the icon (Windows; most Linux trays with AppIndicator never send it). */
  onClick(listener: () => void): void;
  destroy(): void;
}

export interface TrayViewOptions {
  createTray(iconName: TrayIconName): TrayPort;
  onAction(action: TrayAction): void;
}

export class TrayView {
  readonly #options: TrayViewOptions;
  #tray: TrayPort | undefined;
  #state: TrayState | undefined;

  constructor(options: TrayViewOptions) {
    this.#options = options;
  }

  get state(): TrayState | undefined {
    return this.#state;
  }

  /**
   * Shows `state` (a bare gateway state means nothing waiting, launch at login off). Creates the
   * tray on first call; does nothing if the state is unchanged.
   */
  setState(input: TrayState | GatewayState): void {
    const state: TrayState = typeof input === 'string' ? { gateway: input, approvals: 0, pairing: 0, launchAtLogin: false } : { ...input };
    if (this.#tray !== undefined && this.#state !== undefined && sameState(state, this.#state)) return;
    this.#state = state;
    this.#render(state);
  }

  destroy(): void {
    this.#tray?.destroy();
    this.#tray = undefined;
  }

  #render(state: TrayState): void {
    const model = trayMenuModel(state);
    const onAction = (action: TrayAction): void => this.#options.onAction(action);
    if (this.#tray === undefined) {
      this.#tray = this.#options.createTray(model.iconName);
      this.#tray.onClick(() => onAction('open-panel'));
    } else {
      this.#tray.setImage(model.iconName);
    }
    this.#tray.setToolTip(model.tooltip);
    this.#tray.setMenu(model.items, onAction);
  }
}

function sameState(a: TrayState, b: TrayState): boolean {
  return a.gateway === b.gateway && a.approvals === b.approvals && a.pairing === b.pairing && a.launchAtLogin === b.launchAtLogin && JSON.stringify(a.appUpdate) === JSON.stringify(b.appUpdate);
}
