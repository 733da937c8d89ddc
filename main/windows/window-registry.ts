/**
 * The web contents of the windows Gatehouse created, by id. The IPC sender check asks it
 * whether a message comes from one of ours; windows add themselves on creation and are
 * removed when they close.
 */
export class WindowRegistry {
  readonly #ids = new Set<number>();

  add(webContentsId: number): void {
    this.#ids.add(webContentsId);
  }

  remove(webContentsId: number): void {
    this.#ids.delete(webContentsId);
  }

  has(webContentsId: number): boolean {
    return this.#ids.has(webContentsId);
  }
}
