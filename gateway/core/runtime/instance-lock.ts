import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { lockFilePath, readLockOwner, type LockOwner } from '../../../shared/gateway-host/lock-file.js';

export class StateDirLockedError extends Error {
  constructor(readonly stateDir: string, readonly owner: LockOwner) {
    const where = owner.port ? ` on ${owner.host ?? '127.0.0.1'}:${owner.port}` : '';
    super(`another gateway (pid ${owner.pid}${where}) owns the state dir ${stateDir}`);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One gateway per state dir: a lock file created exclusively, naming its owner. A lock left by
 * a process that no longer exists (kill -9) is taken over.
 */
export class InstanceLock {
  private constructor(private readonly path: string) {}

  static acquire(stateDir: string, owner: LockOwner): InstanceLock {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    const path = lockFilePath(stateDir);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, JSON.stringify(owner));
        closeSync(fd);
        return new InstanceLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const existing = readLockOwner(path);
        if (existing && existing.pid !== process.pid && processAlive(existing.pid)) {
          throw new StateDirLockedError(stateDir, existing);
        }
        rmSync(path, { force: true });
      }
    }
    throw new Error(`could not take the gateway lock at ${path}`);
  }

  update(owner: LockOwner): void {
    const fd = openSync(this.path, 'w', 0o600);
    writeSync(fd, JSON.stringify(owner));
    closeSync(fd);
  }

  release(): void {
    const owner = existsSync(this.path) ? readLockOwner(this.path) : undefined;
    if (owner?.pid === process.pid) rmSync(this.path, { force: true });
  }
}
