/**
 * What Quit does. Electron's `before-quit` is held once, while the companion decides and
 * shuts down, then the app quits for real:
 *
 * - a gateway this app launched is running → the `quitBehavior` preference says whether it is
 *   stopped too; while it is `ask`, the person is asked, and their answer is remembered when
 *   they leave "Remember my choice" ticked (Settings can change it later);
 * - an attached or remote gateway is never stopped, and nobody is asked;
 * - where the launched gateway cannot outlive the app (it runs as an Electron utility process,
 *   which ends with the app: the person chose "always stop" before it was launched), "leave it
 *   running" is not on offer: it is stopped, and nobody is asked;
 * - shutting down has a deadline: a stuck gateway cannot keep the app from quitting.
 */
import type { PreferencesStore } from '../settings/preferences.js';

export type QuitChoice = 'stop-gateway' | 'leave-running' | 'cancel';

export interface QuitAnswer {
  choice: QuitChoice;
  remember: boolean;
}

export interface QuitCoordinatorOptions {
  preferences: PreferencesStore;
  ownsRunningGateway: () => boolean;
  /** Whether the gateway this app launched can keep running after the app exits. */
  canLeaveRunning: () => boolean;
  /** Asks the person (a message box in the app). */
  ask: () => Promise<QuitAnswer>;
  shutdown: (options: { stopGateway: boolean }) => Promise<void>;
  /** Quits for real (`app.quit()`); `before-quit` fires again and is let through. */
  quit: () => void;
  shutdownTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface PreventableQuit {
  preventDefault(): void;
}

export class QuitCoordinator {
  readonly #options: QuitCoordinatorOptions;
  #phase: 'running' | 'deciding' | 'done' = 'running';

  constructor(options: QuitCoordinatorOptions) {
    this.#options = options;
  }

  get phase(): 'running' | 'deciding' | 'done' {
    return this.#phase;
  }

  /** The `before-quit` listener. */
  onBeforeQuit(event: PreventableQuit): void {
    if (this.#phase === 'done') return;
    event.preventDefault();
    if (this.#phase === 'deciding') return;
    this.#phase = 'deciding';
    void this.#decideAndShutDown().then((quit) => {
      if (!quit) {
        this.#phase = 'running';
        return;
      }
      this.#phase = 'done';
      this.#options.quit();
    });
  }

  /** True to go on quitting, false when the person cancelled. */
  async #decideAndShutDown(): Promise<boolean> {
    const { preferences, ownsRunningGateway, canLeaveRunning, ask, log } = this.#options;
    let stopGateway = false;
    if (ownsRunningGateway() && !canLeaveRunning()) {
      if (preferences.read().quitBehavior === 'leave-running') log?.('the gateway cannot outlive the app here, so it is stopped despite "leave it running"');
      stopGateway = true;
    } else if (ownsRunningGateway()) {
      const behavior = preferences.read().quitBehavior;
      if (behavior === 'ask') {
        let answer: QuitAnswer;
        try {
          answer = await ask();
        } catch (error) {
          log?.(`could not ask how to quit (${error instanceof Error ? error.message : String(error)}); stopping the gateway`);
          answer = { choice: 'stop-gateway', remember: false };
        }
        if (answer.choice === 'cancel') return false;
        if (answer.remember) preferences.write({ quitBehavior: answer.choice });
        stopGateway = answer.choice === 'stop-gateway';
      } else {
        stopGateway = behavior === 'stop-gateway';
      }
    }
    await this.#shutdownWithDeadline(stopGateway);
    return true;
  }

  async #shutdownWithDeadline(stopGateway: boolean): Promise<void> {
    const timeoutMs = this.#options.shutdownTimeoutMs ?? 12_000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([this.#options.shutdown({ stopGateway }).then(() => 'done' as const), deadline]);
      if (outcome === 'late') this.#options.log?.(`shutdown took longer than ${timeoutMs} ms; quitting anyway`);
    } catch (error) {
      this.#options.log?.(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
