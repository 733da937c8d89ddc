/**
 * The app's windows: at most one per kind, created on first use and destroyed when closed
 * (the tray stays). Each kind gets its own preload, exposing only its channels. `open(view)`
 * creates the window if needed and brings it to the front; `broadcast` sends a contract event to
 * the open windows whose kind listens to it.
 */
import { BrowserWindow, nativeTheme } from 'electron';
import type { EventChannel, EventPayload } from '../../shared/ipc/contract.js';
import type { WindowKind } from '../../shared/ipc/window-kinds.js';
import { broadcastEvent, type EventRecipient } from '../ipc/send-event.js';
import { secureWebPreferences } from '../security/secure-web-preferences.js';
import { viewUrl, viewWindowSpecs, type AppView } from './view-window-specs.js';
import type { WindowRegistry } from './window-registry.js';

export interface ViewWindowsOptions {
  /** The renderer entry: `app://gatehouse/index.html`, or the dev server URL. */
  entryUrl: string;
  /** The preload script of each kind of window (AppPaths.preloads). */
  preloads: Readonly<Record<WindowKind, string>>;
  registry: WindowRegistry;
  /** Told when a page fails to load; the window stays up showing nothing. */
  onLoadFailed?: (view: AppView, error: unknown) => void;
}

export class ViewWindows {
  readonly #options: ViewWindowsOptions;
  readonly #windows = new Map<AppView, BrowserWindow>();

  constructor(options: ViewWindowsOptions) {
    this.#options = options;
  }

  open(view: AppView): void {
    const window = this.#windows.get(view);
    if (window === undefined || window.isDestroyed()) {
      this.#create(view); // shows itself once the page has painted
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  broadcast<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    const recipients: EventRecipient[] = [];
    for (const [kind, window] of this.#windows) {
      if (!window.isDestroyed() && !window.webContents.isDestroyed()) recipients.push({ kind, target: window.webContents });
    }
    broadcastEvent(recipients, channel, payload);
  }

  get openCount(): number {
    return this.#windows.size;
  }

  #create(view: AppView): BrowserWindow {
    const { entryUrl, preloads, registry, onLoadFailed } = this.#options;
    const spec = viewWindowSpecs[view];
    const window = new BrowserWindow({
      title: spec.title,
      width: spec.width,
      height: spec.height,
      minWidth: spec.minWidth,
      minHeight: spec.minHeight,
      alwaysOnTop: spec.alwaysOnTop,
      show: false,
      autoHideMenuBar: true,
      // Matches renderer/styles.css, so the window does not flash white or black while loading.
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1d21' : '#f6f6f7',
      webPreferences: secureWebPreferences(preloads[view]),
    });
    const webContentsId = window.webContents.id;
    registry.add(webContentsId, view);
    this.#windows.set(view, window);

    window.once('ready-to-show', () => {
      window.show();
      window.focus();
    });
    window.on('closed', () => {
      registry.remove(webContentsId);
      if (this.#windows.get(view) === window) this.#windows.delete(view);
    });
    window.loadURL(viewUrl(entryUrl, view)).catch((error: unknown) => onLoadFailed?.(view, error));
    return window;
  }
}
