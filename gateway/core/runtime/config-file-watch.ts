import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** config.md §1.8: OpenClaw's debounce, so an editor's save-in-steps reloads once. */
export const CONFIG_RELOAD_DEBOUNCE_MS = 300;

/**
 * Calls `onChange` once the config file has been quiet for the debounce after a change. The
 * folder is watched, not the file: editors and our own atomic writes replace the file, which
 * would end a watch on the file itself.
 */
export class ConfigFileWatch {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    private readonly onChange: () => void,
    private readonly log: (message: string, fields?: Record<string, unknown>) => void,
    private readonly debounceMs = CONFIG_RELOAD_DEBOUNCE_MS,
  ) {}

  start(): void {
    const folder = dirname(this.path);
    if (!existsSync(folder)) {
      this.log('config folder does not exist; edits to the config file are not watched', { folder });
      return;
    }
    const name = basename(this.path);
    try {
      this.watcher = watch(folder, { persistent: false }, (_event, file) => {
        // Some platforms do not name the file; then any change in the folder is looked at.
        if (file !== null && file !== name) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.onChange(), this.debounceMs);
        this.timer.unref();
      });
      this.watcher.on('error', (error) => this.log('config file watch stopped', { error: error.message }));
    } catch (error) {
      this.log('cannot watch the config file; edits apply at the next start', { error: (error as Error).message });
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
