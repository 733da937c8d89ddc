/**
 * Node's on-disk compile cache (https://nodejs.org/api/module.html#module-compile-cache): V8's
 * compiled code for the CLI's modules, reused by the next start instead of parsing and compiling
 * a few MB of JavaScript again — most of what is left of start-up once the gateway is bundled.
 *
 * The cache lives in the OS cache folder, not the state dir: it is known before the arguments are
 * read, shared by every state dir, and safe to delete. Node keys entries by file content and Node
 * version, so an upgrade or a rebuild simply compiles again. `NODE_COMPILE_CACHE=<dir>` chooses
 * another folder and `NODE_DISABLE_COMPILE_CACHE=1` turns it off (both read by Node itself).
 */
// The default export, not named imports: a missing named export of a builtin fails at link time,
// before any check could run.
import nodeModule from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** The per-user cache folder of the platform, for our compile cache. */
export function compileCacheDir(platform: NodeJS.Platform = process.platform, env: Env = process.env, home: string = homedir()): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'gatehouse', 'Cache', 'compile-cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'gatehouse', 'compile-cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'gatehouse', 'compile-cache');
}

/** Turns the cache on for every module loaded from here on; a folder that cannot be used just means no cache. */
export function enableModuleCompileCache(): void {
  try {
    // Absent in runtimes older than Node 22.1 (the CLI asks for 22.12, but the entry may be run directly).
    if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache(compileCacheDir());
  } catch {
    // Only start-up time is at stake.
  }
}

/**
 * Node writes the cache when the process exits; a daemon may run for weeks and end with SIGKILL.
 * Writing it once the gateway is up makes the next start warm whatever happens to this one.
 */
export function persistModuleCompileCache(): void {
  try {
    if (typeof nodeModule.flushCompileCache === 'function') nodeModule.flushCompileCache();
  } catch {
    // As above.
  }
}
