import { describe, expect, it } from 'vitest';
import { gatewayStates, type GatewayState } from '../../../shared/ipc/gateway-state.js';
import { trayMenuModel, type TrayAction, type TrayMenuModel, type TrayState } from '../../../main/tray/tray-menu-model.js';

function actionsOf(model: TrayMenuModel): TrayAction[] {
  return model.items.flatMap((item) => (item.kind === 'action' || item.kind === 'checkbox' ? [item.action] : []));
}

function labelsOf(model: TrayMenuModel): string[] {
  return model.items.flatMap((item) => (item.kind === 'separator' ? [] : [item.label]));
}

function statusOf(model: TrayMenuModel): string | undefined {
  const first = model.items[0];
  return first?.kind === 'status' ? first.label : undefined;
}

const idle = (gateway: GatewayState): TrayState => ({ gateway, approvals: 0, pairing: 0, launchAtLogin: false });
const views: TrayAction[] = ['open-panel', 'open-chat', 'open-approvals', 'open-pairing', 'open-scheduled', 'open-logs', 'open-settings'];
const tail: TrayAction[] = [...views, 'toggle-launch-at-login', 'quit'];

describe('trayMenuModel', () => {
  const expected: Record<GatewayState, { status: string; gateway: TrayAction[] }> = {
    stopped: { status: 'Gateway stopped', gateway: ['gateway:start'] },
    starting: { status: 'Gateway starting…', gateway: ['gateway:stop'] },
    running: { status: 'Gateway running', gateway: ['gateway:restart', 'gateway:stop'] },
    attached: { status: 'Using a gateway started elsewhere', gateway: [] },
    degraded: { status: 'Gateway running with problems', gateway: ['gateway:restart', 'gateway:stop'] },
    error: { status: 'Gateway failed to start', gateway: ['gateway:retry'] },
  };

  it.each(gatewayStates)('shows the %s state: icon, tooltip, status line and actions', (state) => {
    const model = trayMenuModel(idle(state));

    expect(model.iconName).toBe(`tray-${state}`);
    expect(statusOf(model)).toBe(expected[state].status);
    expect(model.tooltip).toBe(`Gatehouse — ${expected[state].status}`);
    expect(actionsOf(model)).toEqual([...expected[state].gateway, ...tail]);
  });

  it.each(gatewayStates)('in the %s state offers every window, launch at login, and ends with Quit', (state) => {
    const items = trayMenuModel(idle(state)).items;

    expect(items.at(-1)).toEqual({ kind: 'action', action: 'quit', label: 'Quit Gatehouse' });
    expect(labelsOf(trayMenuModel(idle(state)))).toEqual(
      expect.arrayContaining(['Open Gatehouse', 'Open Chat', 'Approvals (0)', 'Pairing (0)', 'Scheduled', 'Logs', 'Settings', 'Launch at login']),
    );
  });

  it('counts what waits, in the status row and on the Approvals and Pairing items', () => {
    const model = trayMenuModel({ gateway: 'running', approvals: 2, pairing: 1, launchAtLogin: false });

    expect(statusOf(model)).toBe('Gateway running · 3 waiting');
    expect(model.tooltip).toBe('Gatehouse — Gateway running · 3 waiting');
    expect(labelsOf(model)).toContain('Approvals (2)');
    expect(labelsOf(model)).toContain('Pairing (1)');
  });

  it('shows launch at login as a checkbox with its current value', () => {
    const on = trayMenuModel({ ...idle('running'), launchAtLogin: true });

    expect(on.items).toContainEqual({ kind: 'checkbox', action: 'toggle-launch-at-login', label: 'Launch at login', checked: true });
    expect(trayMenuModel(idle('running')).items).toContainEqual(expect.objectContaining({ kind: 'checkbox', checked: false }));
  });

  it('never offers to stop or restart a gateway someone else started', () => {
    const actions = actionsOf(trayMenuModel(idle('attached')));

    expect(actions).not.toContain('gateway:stop');
    expect(actions).not.toContain('gateway:restart');
  });

  it('gives every state its own icon', () => {
    const icons = new Set(gatewayStates.map((state) => trayMenuModel(idle(state)).iconName));
    expect(icons.size).toBe(gatewayStates.length);
  });

  it('is a pure function of the state, and a bare state still works', () => {
    expect(trayMenuModel(idle('running'))).toEqual(trayMenuModel(idle('running')));
    expect(trayMenuModel('running')).toEqual(trayMenuModel(idle('running')));
  });

  it('refuses a state outside the union instead of drawing a blank menu', () => {
    expect(() => trayMenuModel(idle('paused' as GatewayState))).toThrow(/unknown gateway state paused/);
  });
});
