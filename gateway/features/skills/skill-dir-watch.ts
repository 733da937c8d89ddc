import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

// Skills folders are watched (skills.load.watch, on by default): an edit, a new skill or a
// removed one is seen after a short debounce. A folder that does not exist yet is waited for
// through its nearest existing parent (awaitingAppearance), so a turn does not have to look for it.

export class SkillDirWatch {
  private readonly watchers = new Map<string, { watcher: FSWatcher; timer?: NodeJS.Timeout }>();
  /** Missing folders → the watch on their nearest existing parent that hears them appear. */
  private readonly awaited = new Map<string, FSWatcher>();
  /** Missing folders whose wait would need a busy folder's watch: looked at directly each time. */
  private readonly lookedAt = new Set<string>();

  constructor(
    private readonly debounceMs: () => number,
    private readonly changed: (dir: string) => void,
    /**
     * Folders never watched for a missing one to appear, because the gateway itself writes in
     * them all the time: the state dir, where every SQLite commit modifies the WAL (~20 fs events
     * per agent run, each a JS callback — more than the look they would save).
     */
    private readonly busyFolders: ReadonlySet<string> = new Set(),
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

  /**
   * True when `dir` does not exist and its creation will be reported (`changed(dir)`, once): the
   * nearest existing folder above it is watched, without recursion, for the next name on the way
   * down. Every agent turn asks about the folders that hold no skills (a workspace without
   * `skills/`); a stat per folder per turn cost ~16 µs each in a gateway between turns. False when
   * `dir` exists; when the parent found is a busy folder or cannot be watched, whether `dir` is
   * missing now (looked at again the next time, as without the watch).
   */
  awaitingAppearance(dir: string): boolean {
    if (this.awaited.has(dir)) return true;
    if (this.lookedAt.has(dir)) return !existsSync(dir);
    // A folder that exists but is not watched (its own watch failed) must not set up and drop a parent's watch on every turn.
    if (existsSync(dir)) return false;
    const lookDirectly = (): boolean => {
      this.lookedAt.add(dir);
      return !existsSync(dir);
    };
    let next = dir;
    let parent = dirname(dir);
    let watcher: FSWatcher | undefined;
    while (watcher === undefined && parent !== next) {
      if (this.busyFolders.has(parent)) return lookDirectly();
      try {
        watcher = watch(parent, { persistent: false });
      } catch {
        next = parent;
        parent = dirname(parent);
      }
    }
    // Not even the root could be watched (out of inotify watches?): no retry on every turn.
    if (!watcher) return lookDirectly();
    // Watched before looked at: a folder created in between is found here or heard.
    if (existsSync(next)) {
      watcher.close();
      return next === dir ? false : !existsSync(dir);
    }
    const name = basename(next);
    const parentName = basename(parent);
    const armed = watcher;
    const appeared = (): void => {
      if (this.awaited.get(dir) !== armed) return;
      armed.close();
      this.awaited.delete(dir);
      this.changed(dir);
    };
    armed.on('change', (event, file) => {
      // Entries coming or going are "rename"; a platform that gives no name, or the parent itself
      // going away, could hide the one waited for.
      if (event !== 'rename') return;
      if (file === null || file === name || file === parentName) appeared();
    });
    armed.on('error', appeared);
    this.awaited.set(dir, armed);
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
    for (const watcher of this.awaited.values()) watcher.close();
    this.awaited.clear();
    this.lookedAt.clear();
  }
}
