/**
 * AppUpdater: the tray app's own updates, in plain TypeScript. electron-updater does the work
 * (electron-updater-port.ts adapts it); this service decides when to ask and keeps a small state
 * the tray and the panel render. A packaged app checks at start and every `intervalMs`; it
 * downloads in the background and offers "restart to install" once the download is complete. A
 * development build (`electron .`, electron-vite dev) never checks: there is nothing to replace.
 */
import type { ClockTimer, SupervisorClock } from '../supervisor/supervisor-clock.js';

/** What the updater library reports, reduced to what the app shows. */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string };

/** The little of electron-updater the service needs; a test hands in a fake. */
export interface UpdaterPort {
  /** Asks the feed; with a newer version, the download starts by itself. Rejects on failure. */
  checkForUpdates(): Promise<void>;
  /** Quits the app, installs the downloaded version and starts it. */
  quitAndInstall(): void;
  subscribe(listener: (event: UpdaterEvent) => void): () => void;
}

export type AppUpdateState =
  | { kind: 'disabled'; reason: string }
  | { kind: 'idle'; lastCheckedAtMs?: number }
  | { kind: 'checking' }
  | { kind: 'available'; version: string; percent?: number }
  | { kind: 'downloaded'; version: string }
  | { kind: 'error'; message: string; lastCheckedAtMs?: number };

export const DEFAULT_CHECK_INTERVAL_MS = 6 * 60 * 60_000;

export interface AppUpdaterOptions {
  port: UpdaterPort;
  /** app.isPackaged: only a packaged app has an installed version to replace. */
  packaged: boolean;
  clock: SupervisorClock;
  intervalMs?: number;
  log?: (level: 'info' | 'warn', message: string) => void;
}

export class AppUpdater {
  readonly #options: AppUpdaterOptions;
  readonly #listeners = new Set<(state: AppUpdateState) => void>();
  #state: AppUpdateState;
  #timer: ClockTimer | undefined;
  #unsubscribe: (() => void) | undefined;
  #started = false;

  constructor(options: AppUpdaterOptions) {
    this.#options = options;
    this.#state = options.packaged ? { kind: 'idle' } : { kind: 'disabled', reason: 'a development build does not update itself' };
  }

  get state(): AppUpdateState {
    return this.#state;
  }

  onChange(listener: (state: AppUpdateState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Checks now, then every interval. Does nothing in a development build. */
  start(): void {
    if (this.#started || this.#state.kind === 'disabled') return;
    this.#started = true;
    this.#unsubscribe = this.#options.port.subscribe((event) => this.#apply(event));
    void this.checkNow();
  }

  stop(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#started = false;
  }

  /** One check (the menu's "Check for updates" too). Nothing to do while one runs or a download waits to be installed. */
  async checkNow(): Promise<void> {
    const kind = this.#state.kind;
    if (!this.#started || kind === 'checking' || kind === 'available' || kind === 'downloaded') return;
    this.#set({ kind: 'checking' });
    try {
      await this.#options.port.checkForUpdates();
      // Without an event saying otherwise, the check found nothing.
      if (this.#current().kind === 'checking') this.#set({ kind: 'idle', lastCheckedAtMs: this.#options.clock.now() });
    } catch (error) {
      this.#fail(error instanceof Error ? error.message : String(error));
    } finally {
      this.#scheduleNext();
    }
  }

  /** "Restart to install": only once a download is complete. */
  installNow(): boolean {
    if (this.#state.kind !== 'downloaded') return false;
    this.#options.log?.('info', `installing Gatehouse ${this.#state.version} and restarting`);
    this.#options.port.quitAndInstall();
    return true;
  }

  #apply(event: UpdaterEvent): void {
    switch (event.type) {
      case 'checking':
        if (this.#state.kind !== 'checking' && this.#state.kind !== 'available' && this.#state.kind !== 'downloaded') this.#set({ kind: 'checking' });
        return;
      case 'available':
        this.#options.log?.('info', `Gatehouse ${event.version} is available; downloading`);
        this.#set({ kind: 'available', version: event.version });
        return;
      case 'progress':
        if (this.#state.kind === 'available') this.#set({ ...this.#state, percent: Math.max(0, Math.min(100, Math.round(event.percent))) });
        return;
      case 'not-available':
        this.#set({ kind: 'idle', lastCheckedAtMs: this.#options.clock.now() });
        return;
      case 'downloaded':
        this.#set({ kind: 'downloaded', version: event.version });
        return;
      case 'error':
        this.#fail(event.message);
        return;
    }
  }

  /** The state now (read through a call, so a check before an await does not narrow it after). */
  #current(): AppUpdateState {
    return this.#state;
  }

  #fail(message: string): void {
    // A downloaded update stays installable even if a later check fails.
    if (this.#state.kind === 'downloaded') return;
    this.#options.log?.('warn', `update check failed: ${message}`);
    this.#set({ kind: 'error', message, lastCheckedAtMs: this.#options.clock.now() });
  }

  #scheduleNext(): void {
    this.#timer?.cancel();
    if (!this.#started) return;
    this.#timer = this.#options.clock.schedule(this.#options.intervalMs ?? DEFAULT_CHECK_INTERVAL_MS, () => void this.checkNow());
  }

  #set(state: AppUpdateState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}

/** The one line the tray menu and the panel show, or undefined when there is nothing to say. */
export function appUpdateLabel(state: AppUpdateState): string | undefined {
  switch (state.kind) {
    case 'available':
      return state.percent === undefined ? `Downloading Gatehouse ${state.version}…` : `Downloading Gatehouse ${state.version}… ${state.percent}%`;
    case 'downloaded':
      return `Update available — restart to install ${state.version}`;
    case 'error':
      return 'Update check failed';
    default:
      return undefined;
  }
}
