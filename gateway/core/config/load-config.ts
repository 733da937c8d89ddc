import { open } from 'node:fs/promises';
import { evaluateConfig } from './evaluate-config.js';
import type { ConfigIssue, LoadedConfig } from './types.js';

// config.md §1.1–1.2: a missing file means defaults; anything that is not a readable
// regular file is an issue, not a crash.

export async function readConfigFile(filePath: string): Promise<{ bytes: Buffer | null; readIssue?: ConfigIssue }> {
  let handle;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { bytes: null };
    return { bytes: null, readIssue: { path: '', message: `cannot read ${filePath}: ${(error as Error).message}` } };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      return { bytes: null, readIssue: { path: '', message: `${filePath} is not a regular file; point the config path at a JSON5 file` } };
    }
    return { bytes: await handle.readFile() };
  } catch (error) {
    return { bytes: null, readIssue: { path: '', message: `cannot read ${filePath}: ${(error as Error).message}` } };
  } finally {
    await handle.close();
  }
}

export async function loadConfig(opts: { path: string; stateDir: string; env: NodeJS.ProcessEnv }): Promise<LoadedConfig> {
  const file = await readConfigFile(opts.path);
  const loaded = await evaluateConfig({ path: opts.path, stateDir: opts.stateDir, env: opts.env, ...file });
  // A path that exists but cannot be read still "exists" for the writer's baseHash rule.
  if (file.readIssue) loaded.exists = true;
  return loaded;
}
