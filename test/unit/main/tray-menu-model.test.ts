import { describe, expect, it } from 'vitest';
import { gatewayStates, type GatewayState } from '../../../shared/ipc/gateway-state.js';
import { trayMenuModel, type TrayAction, type TrayMenuModel } from '../../../main/tray/tray-menu-model.js';

function actionsOf(model: TrayMenuModel): TrayAction[] {
  return model.items.flatMap((item) => (item.kind === 'action' ? [item.action] : []));
}

function statusOf(model: TrayMenuModel): string | undefined {
  const first = model.items[0];
  return first?.kind === 'status' ? first.label : undefined;
}

describe('trayMenuModel', () => {
  const expected: Record<GatewayState, { status: string; actions: TrayAction[] }> = {
    stopped: { status: 'Gateway stopped', actions: ['open-panel', 'gateway:start', 'quit'] },
    starting: { status: 'Gateway starting…', actions: ['open-panel', 'gateway:stop', 'quit'] },
    running: { status: 'Gateway running', actions: ['open-panel', 'gateway:restart', 'gateway:stop', 'quit'] },
    attached: { status: 'Using a gateway started elsewhere', actions: ['open-panel', 'quit'] },
    degraded: {
      status: 'Gateway running with problems',
      actions: ['open-panel', 'gateway:restart', 'gateway:stop', 'quit'],
    },
    error: { status: 'Gateway failed to start', actions: ['open-panel', 'gateway:retry', 'quit'] },
  };

  it.each(gatewayStates)('shows the %s state: icon, tooltip, status line and actions', (state) => {
    const model = trayMenuModel(state);

    expect(model.iconName).toBe(`tray-${state}`);
    expect(statusOf(model)).toBe(expected[state].status);
    expect(model.tooltip).toBe(`Gatehouse — ${expected[state].status}`);
    expect(actionsOf(model)).toEqual(expected[state].actions);
  });

  it.each(gatewayStates)('in the %s state always offers Open and ends with Quit', (state) => {
    const items = trayMenuModel(state).items;

    expect(items.at(-1)).toEqual({ kind: 'action', action: 'quit', label: 'Quit Gatehouse' });
    expect(items).toContainEqual({ kind: 'action', action: 'open-panel', label: 'Open Gatehouse' });
  });

  it('never offers to stop or restart a gateway someone else started', () => {
    const actions = actionsOf(trayMenuModel('attached'));

    expect(actions).not.toContain('gateway:stop');
    expect(actions).not.toContain('gateway:restart');
  });

  it('gives every state its own icon', () => {
    const icons = new Set(gatewayStates.map((state) => trayMenuModel(state).iconName));
    expect(icons.size).toBe(gatewayStates.length);
  });

  it('is a pure function of the state', () => {
    expect(trayMenuModel('running')).toEqual(trayMenuModel('running'));
  });

  it('refuses a state outside the union instead of drawing a blank menu', () => {
    expect(() => trayMenuModel('paused' as GatewayState)).toThrow(/unknown gateway state paused/);
  });
});
