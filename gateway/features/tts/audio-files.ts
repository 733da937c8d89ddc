import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Audio older than this, or beyond the newest `MAX_FILES`, is removed before each new file. */
const MAX_AGE_MS = 60 * 60 * 1000;
const MAX_FILES = 100;

/**
 * `<state dir>/tts/`: the audio files tts.convert hands out by path. A client (or a channel)
 * reads them soon after; they are not kept, so the folder stays small.
 */
export class AudioFiles {
  constructor(
    readonly dir: string,
    private readonly now: () => number,
  ) {}

  /** A path for a provider to write into (the Edge voice writes files itself). */
  scratchPath(): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    return join(this.dir, `.scratch-${randomUUID()}`);
  }

  async readAndRemove(path: string): Promise<Buffer> {
    try {
      return await readFile(path);
    } finally {
      await rm(path, { force: true });
    }
  }

  async save(audio: Buffer, extension: string): Promise<string> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.prune();
    const path = join(this.dir, `tts-${this.now()}-${randomUUID()}${extension}`);
    await writeFile(path, audio, { mode: 0o600 });
    return path;
  }

  prune(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    const files = names
      .filter((name) => name.startsWith('tts-') || name.startsWith('.scratch-'))
      .flatMap((name) => {
        try {
          return [{ path: join(this.dir, name), mtimeMs: statSync(join(this.dir, name)).mtimeMs }];
        } catch {
          return [];
        }
      })
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    const cutoff = this.now() - MAX_AGE_MS;
    files.forEach((file, index) => {
      if (index >= MAX_FILES - 1 || file.mtimeMs < cutoff) rmSync(file.path, { force: true });
    });
  }
}
