/**
 * The tray panel: a small window created on first use and destroyed when closed (the tray
 * stays). `show()` creates it if needed and brings it to the front.
 */
import { BrowserWindow, nativeTheme } from 'electron';
import type { EventChannel, EventPayload } from '../../shared/ipc/contract.js';
import { sendEvent } from '../ipc/send-event.js';
import { secureWebPreferences } from '../security/secure-web-preferences.js';
import type { WindowRegistry } from './window-registry.js';

export interface PanelWindowOptions {
  /** The page to load: `app://gatehouse/index.html`, or the dev server URL. */
  url: string;
  preload: string;
  registry: WindowRegistry;
  /** Told when the page fails to load; the window stays up showing nothing. */
  onLoadFailed?: (error: unknown) => void;
}

export class PanelWindow {
  readonly #options: PanelWindowOptions;
  #window: BrowserWindow | undefined;

  constructor(options: PanelWindowOptions) {
    this.#options = options;
  }

  show(): void {
    const window = this.#window;
    if (window === undefined) {
      this.#create(); // shows itself once the page has painted
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /** Sends a contract event if the panel is open; a closed panel asks for state when it opens. */
  send<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    const contents = this.#window?.webContents;
    if (contents === undefined || contents.isDestroyed()) return;
    sendEvent(contents, channel, payload);
  }

  #create(): BrowserWindow {
    const { url, preload, registry, onLoadFailed } = this.#options;
    const window = new BrowserWindow({
      title: 'Gatehouse',
      width: 360,
      height: 420,
      minWidth: 300,
      minHeight: 320,
      show: false,
      autoHideMenuBar: true,
      // Matches renderer/styles.css, so the window does not flash white or black while loading.
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1d21' : '#f6f6f7',
      webPreferences: secureWebPreferences(preload),
    });
    const webContentsId = window.webContents.id;
    registry.add(webContentsId);
    this.#window = window;

    window.once('ready-to-show', () => {
      window.show();
      window.focus();
    });
    window.on('closed', () => {
      registry.remove(webContentsId);
      this.#window = undefined;
    });
    window.loadURL(url).catch((error: unknown) => onLoadFailed?.(error));
    return window;
  }
}
