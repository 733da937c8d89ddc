import { describe, expect, it } from 'vitest';
import type { ClockTimer, SupervisorClock } from '../../../main/supervisor/supervisor-clock.js';
import { AppUpdater, appUpdateLabel, DEFAULT_CHECK_INTERVAL_MS, type UpdaterEvent, type UpdaterPort } from '../../../main/updates/app-updater.js';
import { trayMenuModel } from '../../../main/tray/tray-menu-model.js';
import { runTrayAction } from '../../../main/tray/tray-actions.js';

// The tray app's own updates: the service over a fake electron-updater, a manual clock, and what
// the tray menu shows for each state.

class FakeUpdaterPort implements UpdaterPort {
  checks = 0;
  installs = 0;
  next: Array<UpdaterEvent> | Error = [{ type: 'not-available' }];
  #listener: ((event: UpdaterEvent) => void) | undefined;

  checkForUpdates(): Promise<void> {
    this.checks++;
    const next = this.next;
    if (next instanceof Error) {
      this.#listener?.({ type: 'error', message: next.message });
      return Promise.reject(next);
    }
    this.#listener?.({ type: 'checking' });
    for (const event of next) this.#listener?.(event);
    return Promise.resolve();
  }

  emit(event: UpdaterEvent): void {
    this.#listener?.(event);
  }

  quitAndInstall(): void {
    this.installs++;
  }

  subscribe(listener: (event: UpdaterEvent) => void): () => void {
    this.#listener = listener;
    return () => (this.#listener = undefined);
  }
}

class ManualClock implements SupervisorClock {
  time = 1_000;
  timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];
  now(): number {
    return this.time;
  }
  schedule(delayMs: number, callback: () => void): ClockTimer {
    const timer = { at: this.time + delayMs, callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }
  pending() {
    return this.timers.filter((timer) => !timer.cancelled);
  }
  async advance(ms: number): Promise<void> {
    this.time += ms;
    for (const timer of this.pending().filter((t) => t.at <= this.time)) {
      timer.cancelled = true;
      timer.callback();
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('app updater', () => {
  it('a development build never checks and shows nothing in the tray', async () => {
    const port = new FakeUpdaterPort();
    const updater = new AppUpdater({ port, packaged: false, clock: new ManualClock() });
    updater.start();
    await updater.checkNow();
    await settle();
    expect(port.checks).toBe(0);
    expect(updater.state).toEqual({ kind: 'disabled', reason: 'a development build does not update itself' });
    expect(trayMenuModel({ gateway: 'running', approvals: 0, pairing: 0, launchAtLogin: false, appUpdate: updater.state }).items.map((item) => ('label' in item ? item.label : '-'))).not.toContain('Check for updates');
  });

  it('a packaged app checks at start and again every interval', async () => {
    const port = new FakeUpdaterPort();
    const clock = new ManualClock();
    const updater = new AppUpdater({ port, packaged: true, clock });
    updater.start();
    await settle();
    expect(port.checks).toBe(1);
    expect(updater.state).toEqual({ kind: 'idle', lastCheckedAtMs: 1_000 });
    await clock.advance(DEFAULT_CHECK_INTERVAL_MS - 1);
    expect(port.checks).toBe(1);
    await clock.advance(1);
    expect(port.checks).toBe(2);
    updater.stop();
    await clock.advance(DEFAULT_CHECK_INTERVAL_MS);
    expect(port.checks).toBe(2);
  });

  it('available → downloading with progress → downloaded: "Update available — restart to install", which installs', async () => {
    const port = new FakeUpdaterPort();
    port.next = [{ type: 'available', version: '1.2.0' }];
    const updater = new AppUpdater({ port, packaged: true, clock: new ManualClock() });
    const seen: string[] = [];
    updater.onChange((state) => seen.push(state.kind));
    updater.start();
    await settle();
    expect(updater.state).toEqual({ kind: 'available', version: '1.2.0' });
    expect(updater.installNow()).toBe(false);
    port.emit({ type: 'progress', percent: 41.6 });
    expect(appUpdateLabel(updater.state)).toBe('Downloading Gatehouse 1.2.0… 42%');
    // A check while downloading does not start another.
    await updater.checkNow();
    expect(port.checks).toBe(1);
    port.emit({ type: 'downloaded', version: '1.2.0' });
    expect(seen).toEqual(['checking', 'available', 'available', 'downloaded']);

    const menu = trayMenuModel({ gateway: 'running', approvals: 0, pairing: 0, launchAtLogin: false, appUpdate: updater.state });
    expect(menu.items).toContainEqual({ kind: 'action', action: 'install-update', label: 'Update available — restart to install 1.2.0' });
    runTrayAction('install-update', {
      openView: () => undefined,
      gatewayIntent: () => Promise.resolve({ ok: true }),
      toggleLaunchAtLogin: () => undefined,
      quit: () => undefined,
      onFailure: () => undefined,
      installUpdate: () => void updater.installNow(),
    });
    expect(port.installs).toBe(1);
  });

  it('a failed check is an error state with "Check for updates" to try again; a downloaded update survives a later failure', async () => {
    const port = new FakeUpdaterPort();
    port.next = new Error('net::ERR_CONNECTION_REFUSED');
    const clock = new ManualClock();
    const updater = new AppUpdater({ port, packaged: true, clock });
    updater.start();
    await settle();
    expect(updater.state).toEqual({ kind: 'error', message: 'net::ERR_CONNECTION_REFUSED', lastCheckedAtMs: 1_000 });
    const labels = trayMenuModel({ gateway: 'running', approvals: 0, pairing: 0, launchAtLogin: false, appUpdate: updater.state }).items.map((item) => ('label' in item ? item.label : '-'));
    expect(labels).toEqual(expect.arrayContaining(['Update check failed', 'Check for updates']));
    expect(clock.pending()).toHaveLength(1);

    port.next = [{ type: 'available', version: '2.0.0' }, { type: 'downloaded', version: '2.0.0' }];
    await updater.checkNow();
    expect(updater.state).toEqual({ kind: 'downloaded', version: '2.0.0' });
    port.emit({ type: 'error', message: 'later failure' });
    expect(updater.state.kind).toBe('downloaded');
  });
});
