import os from 'node:os';
import path from 'node:path';

// config.md §1.1: where the state directory and the config file live.

export const CONFIG_FILE_NAME = 'gatehouse.json';

/** Expands a leading `~` (alone or followed by a separator) to the home directory. */
export function expandHome(filePath: string, env: NodeJS.ProcessEnv = process.env): string {
  if (filePath !== '~' && !filePath.startsWith('~/') && !filePath.startsWith(`~${path.sep}`)) return filePath;
  const home = env.HOME || os.homedir();
  return path.join(home, filePath.slice(1));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/**
 * `GATEHOUSE_STATE_DIR`, else `~/.gatehouse`. ⟂ `OPENCLAW_STATE_DIR` is deliberately not
 * read: two daemons sharing one state dir would fight over stores, port and device tokens.
 */
export function resolveStateDir(env: NodeJS.ProcessEnv): string {
  const configured = nonEmpty(env.GATEHOUSE_STATE_DIR);
  return path.resolve(expandHome(configured ?? '~/.gatehouse', env));
}

/** First match wins: `--config` → `GATEHOUSE_CONFIG_PATH` → `OPENCLAW_CONFIG_PATH` → `<stateDir>/gatehouse.json`. */
export function resolveConfigPath(opts: { cliPath?: string; env: NodeJS.ProcessEnv; stateDir: string }): string {
  const chosen =
    nonEmpty(opts.cliPath) ?? nonEmpty(opts.env.GATEHOUSE_CONFIG_PATH) ?? nonEmpty(opts.env.OPENCLAW_CONFIG_PATH);
  if (chosen) return path.resolve(expandHome(chosen, opts.env));
  return path.join(opts.stateDir, CONFIG_FILE_NAME);
}
