import { watch, type FSWatcher } from 'node:fs';

// Skills folders are watched (skills.load.watch, on by default): an edit, a new skill or a
// removed one is seen after a short debounce. A folder that does not exist yet is looked for
// again on the next read.

export class SkillDirWatch {
  private readonly watchers = new Map<string, { watcher: FSWatcher; timer?: NodeJS.Timeout }>();

  constructor(
    private readonly debounceMs: () => number,
    private readonly changed: (dir: string) => void,
  ) {}

  watching(dir: string): boolean {
    return this.watchers.has(dir);
  }

  /** Starts watching `dir` (recursively); false when it cannot (missing folder). */
  add(dir: string): boolean {
    if (this.watchers.has(dir)) return true;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { recursive: true, persistent: false });
    } catch {
      return false;
    }
    const entry: { watcher: FSWatcher; timer?: NodeJS.Timeout } = { watcher };
    watcher.on('change', () => {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = setTimeout(() => {
        entry.timer = undefined;
        this.changed(dir);
      }, this.debounceMs());
      entry.timer.unref();
    });
    // The folder went away (or the watch failed): forget it; the next read looks again.
    watcher.on('error', () => this.remove(dir, true));
    this.watchers.set(dir, entry);
    return true;
  }

  remove(dir: string, notify = false): void {
    const entry = this.watchers.get(dir);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.watcher.close();
    this.watchers.delete(dir);
    if (notify) this.changed(dir);
  }

  close(): void {
    for (const dir of [...this.watchers.keys()]) this.remove(dir);
  }
}
