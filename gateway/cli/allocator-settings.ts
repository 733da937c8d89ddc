import { ALLOCATOR_ENV } from '../../shared/gateway-host/launch-env.js';

type Execve = (file: string, args: readonly string[], env: NodeJS.ProcessEnv) => never;

/**
 * `gateway run` started without the allocator settings (shared/gateway-host/launch-env.ts)
 * replaces itself with the same command that has them: execve keeps the pid, stdio and
 * arguments, and costs one more Node start. Only on Linux (glibc reads the variables), not
 * inside Electron (its launcher sets them itself), and only where Node has process.execve
 * (22.15+); otherwise the gateway runs as it is. bin/gatehouse.js does the same before it loads
 * the bundle, which spares a hand-started gateway that much of the work thrown away; this covers
 * launches of the bundle's entry itself.
 */
export function restartWithAllocatorSettings(env: NodeJS.ProcessEnv = process.env): void {
  if (process.platform !== 'linux' || process.versions.electron !== undefined) return;
  const missing = Object.entries(ALLOCATOR_ENV).filter(([name]) => env[name] === undefined);
  if (missing.length === 0) return;
  const execve = (process as unknown as { execve?: Execve }).execve;
  if (typeof execve !== 'function') return;
  try {
    execve.call(process, process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], { ...env, ...Object.fromEntries(missing) });
  } catch {
    // Could not exec (a sandbox, a vanished binary): a gateway that keeps more memory is still a gateway.
  }
}
