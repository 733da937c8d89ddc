import { readdirSync, readlinkSync, statSync } from 'node:fs';
import { MIB } from '../process-stats.js';

/** The gateway's SQLite store on disk, in MiB. */
export interface StoreSize {
  /** The database file: it grows at checkpoints, so it trails what the connection holds by up to one checkpoint. */
  databaseMiB: number;
  walMiB: number;
}

const DATABASE_FILE = 'gatehouse.sqlite';

/**
 * The sizes of the store the process has open, found through /proc/<pid>/fd (the bench does not
 * otherwise know where a gateway keeps its state); undefined when it has none open or is gone.
 */
export function readStoreSize(pid: number): StoreSize | undefined {
  let database: string | undefined;
  try {
    for (const entry of readdirSync(`/proc/${pid}/fd`)) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${entry}`);
      } catch {
        continue;
      }
      if (target.endsWith(`/${DATABASE_FILE}`)) {
        database = target;
        break;
      }
    }
    if (!database) return undefined;
    const walBytes = (() => {
      try {
        return statSync(`${database}-wal`).size;
      } catch {
        return 0;
      }
    })();
    return { databaseMiB: statSync(database).size / MIB, walMiB: walBytes / MIB };
  } catch {
    return undefined;
  }
}
