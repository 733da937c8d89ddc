import { describe, expect, it } from 'vitest';
import type { ActionResult } from '../../../shared/ipc/contract.js';
import { QuitCoordinator, type QuitAnswer } from '../../../main/lifecycle/quit-coordinator.js';
import { MemoryPreferencesStore, type Preferences } from '../../../main/settings/preferences.js';
import { runTrayAction } from '../../../main/tray/tray-actions.js';

function quitSetUp(options: { owns: boolean; canLeaveRunning?: boolean; behavior?: Preferences['quitBehavior']; answer?: QuitAnswer; shutdown?: () => Promise<void> }) {
  const preferences = new MemoryPreferencesStore({ quitBehavior: options.behavior ?? 'ask' });
  const calls: string[] = [];
  let asked = 0;
  const coordinator = new QuitCoordinator({
    preferences,
    ownsRunningGateway: () => options.owns,
    canLeaveRunning: () => options.canLeaveRunning ?? true,
    ask: async () => {
      asked += 1;
      return options.answer ?? { choice: 'stop-gateway', remember: true };
    },
    shutdown: async ({ stopGateway }) => {
      calls.push(`shutdown stopGateway=${stopGateway}`);
      await options.shutdown?.();
    },
    quit: () => calls.push('quit'),
    shutdownTimeoutMs: 100,
    log: (message) => calls.push(`log: ${message}`),
  });
  const quitOnce = async (): Promise<boolean> => {
    let prevented = false;
    coordinator.onBeforeQuit({ preventDefault: () => (prevented = true) });
    await new Promise((done) => setTimeout(done, 0));
    return prevented;
  };
  return { coordinator, preferences, calls, quitOnce, asked: () => asked };
}

describe('QuitCoordinator', () => {
  it('asks once while the preference is "ask", remembers the answer, then quits for real', async () => {
    const { coordinator, preferences, calls, quitOnce, asked } = quitSetUp({ owns: true, answer: { choice: 'leave-running', remember: true } });

    expect(await quitOnce()).toBe(true);

    expect(asked()).toBe(1);
    expect(preferences.read().quitBehavior).toBe('leave-running');
    expect(calls).toEqual(['shutdown stopGateway=false', 'quit']);
    // The second before-quit (from quit()) goes through.
    expect(await quitOnce()).toBe(false);
    expect(coordinator.phase).toBe('done');
  });

  it('uses a remembered preference without asking', async () => {
    const { calls, quitOnce, asked } = quitSetUp({ owns: true, behavior: 'stop-gateway' });
    await quitOnce();
    expect(asked()).toBe(0);
    expect(calls).toEqual(['shutdown stopGateway=true', 'quit']);
  });

  it('stays running when the person cancels, and asks again next time', async () => {
    const { coordinator, preferences, calls, quitOnce } = quitSetUp({ owns: true, answer: { choice: 'cancel', remember: true } });
    await quitOnce();
    expect(calls).toEqual([]);
    expect(coordinator.phase).toBe('running');
    expect(preferences.read().quitBehavior).toBe('ask');
  });

  it('never stops (or asks about) a gateway it does not own', async () => {
    const { calls, quitOnce, asked } = quitSetUp({ owns: false, behavior: 'stop-gateway' });
    await quitOnce();
    expect(asked()).toBe(0);
    expect(calls).toEqual(['shutdown stopGateway=false', 'quit']);
  });

  it('does not offer "leave running" where the gateway cannot outlive the app', async () => {
    const { calls, quitOnce, asked } = quitSetUp({ owns: true, canLeaveRunning: false, behavior: 'leave-running' });
    await quitOnce();
    expect(asked()).toBe(0);
    expect(calls[0]).toMatch(/cannot outlive the app/);
    expect(calls.slice(1)).toEqual(['shutdown stopGateway=true', 'quit']);
  });

  it('quits anyway when shutting down hangs past its deadline', async () => {
    const { calls, quitOnce } = quitSetUp({ owns: true, behavior: 'stop-gateway', shutdown: () => new Promise(() => {}) });
    await quitOnce();
    await new Promise((done) => setTimeout(done, 150));
    expect(calls.at(-2)).toMatch(/longer than 100 ms/);
    expect(calls.at(-1)).toBe('quit');
  });
});

describe('runTrayAction', () => {
  function targets(result: ActionResult = { ok: true }) {
    const calls: string[] = [];
    return {
      calls,
      targets: {
        openView: (view: string) => calls.push(`open ${view}`),
        gatewayIntent: async (intent: string) => {
          calls.push(`intent ${intent}`);
          return result;
        },
        toggleLaunchAtLogin: () => calls.push('toggle launch at login'),
        quit: () => calls.push('quit'),
        onFailure: (message: string) => calls.push(`failure ${message}`),
      },
    };
  }

  it('sends every menu item where a window button would', async () => {
    const { calls, targets: t } = targets();
    for (const action of ['open-panel', 'open-chat', 'open-approvals', 'open-pairing', 'open-scheduled', 'open-logs', 'open-settings', 'gateway:start', 'gateway:retry', 'toggle-launch-at-login', 'quit'] as const) {
      runTrayAction(action, t);
    }
    await new Promise((done) => setTimeout(done, 0));
    expect(calls).toEqual([
      'open panel',
      'open chat',
      'open approvals',
      'open pairing',
      'open scheduled',
      'open logs',
      'open settings',
      'intent start',
      'intent retry',
      'toggle launch at login',
      'quit',
    ]);
  });

  it('tells the person when a gateway intent from the menu did not work', async () => {
    const { calls, targets: t } = targets({ ok: false, message: 'the gateway did not become ready within 20 s' });
    runTrayAction('gateway:restart', t);
    await new Promise((done) => setTimeout(done, 0));
    expect(calls).toEqual(['intent restart', 'failure the gateway did not become ready within 20 s']);
  });
});
