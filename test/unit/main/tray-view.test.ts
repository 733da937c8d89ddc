import { describe, expect, it } from 'vitest';
import type { TrayAction, TrayIconName, TrayMenuItem } from '../../../main/tray/tray-menu-model.js';
import { TrayView, type TrayPort } from '../../../main/tray/tray-view.js';

/** A tray that remembers what it was told, and lets the test click it. */
class FakeTray implements TrayPort {
  image: TrayIconName;
  tooltip = '';
  items: readonly TrayMenuItem[] = [];
  menuBuilds = 0;
  destroyed = false;
  #onAction: ((action: TrayAction) => void) | undefined;
  #onClick: (() => void) | undefined;

  constructor(image: TrayIconName) {
    this.image = image;
  }
  setImage(iconName: TrayIconName): void {
    this.image = iconName;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setMenu(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): void {
    this.items = items;
    this.menuBuilds++;
    this.#onAction = onAction;
  }
  onClick(listener: () => void): void {
    this.#onClick = listener;
  }
  destroy(): void {
    this.destroyed = true;
  }
  clickIcon(): void {
    this.#onClick?.();
  }
  chooseMenuItem(label: string): void {
    const item = this.items.find((candidate) => (candidate.kind === 'action' || candidate.kind === 'checkbox') && candidate.label === label);
    if (item?.kind !== 'action' && item?.kind !== 'checkbox') throw new Error(`no menu item "${label}"`);
    this.#onAction?.(item.action);
  }
}

function setUp() {
  const trays: FakeTray[] = [];
  const actions: TrayAction[] = [];
  const view = new TrayView({
    createTray: (iconName) => {
      const tray = new FakeTray(iconName);
      trays.push(tray);
      return tray;
    },
    onAction: (action) => actions.push(action),
  });
  return { view, trays, actions };
}

describe('TrayView', () => {
  it('creates one tray on the first state and redraws it on every change', () => {
    const { view, trays } = setUp();

    view.setState('stopped');
    view.setState('starting');
    view.setState('running');

    expect(trays).toHaveLength(1);
    const tray = trays[0]!;
    expect(tray.image).toBe('tray-running');
    expect(tray.tooltip).toBe('Gatehouse — Gateway running');
    expect(tray.items[0]).toEqual({ kind: 'status', label: 'Gateway running' });
    expect(tray.menuBuilds).toBe(3);
  });

  it('does not rebuild the menu when the state did not change', () => {
    const { view, trays } = setUp();

    view.setState('running');
    view.setState('running');

    expect(trays[0]!.menuBuilds).toBe(1);
  });

  it('passes menu choices and icon clicks on as actions', () => {
    const { view, trays, actions } = setUp();
    view.setState('error');
    const tray = trays[0]!;

    tray.chooseMenuItem('Retry');
    tray.clickIcon();
    tray.chooseMenuItem('Quit Gatehouse');

    expect(actions).toEqual(['gateway:retry', 'open-panel', 'quit']);
  });

  it('redraws when what waits or launch at login changes, not otherwise', () => {
    const { view, trays, actions } = setUp();
    const state = { gateway: 'running', approvals: 0, pairing: 0, launchAtLogin: false } as const;

    view.setState(state);
    view.setState({ ...state });
    view.setState({ ...state, approvals: 1 });
    view.setState({ ...state, approvals: 1, launchAtLogin: true });
    const tray = trays[0]!;
    tray.chooseMenuItem('Approvals (1)');
    tray.chooseMenuItem('Launch at login');

    expect(tray.menuBuilds).toBe(3);
    expect(tray.tooltip).toBe('Gatehouse — Gateway running · 1 waiting');
    expect(actions).toEqual(['open-approvals', 'toggle-launch-at-login']);
  });

  it('removes the tray icon on destroy', () => {
    const { view, trays } = setUp();
    view.setState('stopped');

    view.destroy();

    expect(trays[0]!.destroyed).toBe(true);
  });
});
