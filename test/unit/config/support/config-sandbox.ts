import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type LoadedConfig } from '../../../../gateway/core/config/index.js';

/** A throwaway state dir with a config file in it, the way a user's install looks. */
export interface ConfigSandbox {
  stateDir: string;
  configPath: string;
  env: NodeJS.ProcessEnv;
  write(text: string): Promise<void>;
  writeStateFile(name: string, text: string): Promise<void>;
  read(): Promise<string>;
  load(env?: NodeJS.ProcessEnv): Promise<LoadedConfig>;
  files(): Promise<string[]>;
  remove(): Promise<void>;
}

export async function createConfigSandbox(env: NodeJS.ProcessEnv = {}): Promise<ConfigSandbox> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'gatehouse-config-'));
  const configPath = path.join(stateDir, 'gatehouse.json');
  const sandbox: ConfigSandbox = {
    stateDir,
    configPath,
    // HOME points into the sandbox so `~` never reaches the real home directory.
    env: { HOME: stateDir, ...env },
    write: (text) => writeFile(configPath, text),
    writeStateFile: (name, text) => writeFile(path.join(stateDir, name), text),
    read: () => readFile(configPath, 'utf8'),
    load: (override) => loadConfig({ path: configPath, stateDir, env: override ?? sandbox.env }),
    files: () => readdir(stateDir),
    remove: () => rm(stateDir, { recursive: true, force: true }),
  };
  return sandbox;
}

/** Loads `text` as the config file of a fresh sandbox. */
export async function loadText(text: string, env: NodeJS.ProcessEnv = {}): Promise<LoadedConfig & { sandbox: ConfigSandbox }> {
  const sandbox = await createConfigSandbox(env);
  await sandbox.write(text);
  return { ...(await sandbox.load()), sandbox };
}
