/**
 * The web contents of the windows Gatehouse created, by id, with the kind of each. The IPC
 * sender check asks it whether a message comes from one of ours and which channels that window
 * may use; windows add themselves on creation and are removed when they close.
 *
 * The kind is what main decided when it created the window, never what the page says (its URL
 * hash can change), so a page cannot talk its way into another window's channels.
 */
import type { WindowKind } from '../../shared/ipc/window-kinds.js';

export class WindowRegistry {
  readonly #kinds = new Map<number, WindowKind>();

  add(webContentsId: number, kind: WindowKind): void {
    this.#kinds.set(webContentsId, kind);
  }

  remove(webContentsId: number): void {
    this.#kinds.delete(webContentsId);
  }

  /** The kind of one of our windows; undefined for web contents we did not create. */
  kindOf(webContentsId: number): WindowKind | undefined {
    return this.#kinds.get(webContentsId);
  }
}
