import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfigPath, resolveStateDir } from '../../../gateway/core/config/index.js';

describe('where the state dir and config file live (config.md §1.1)', () => {
  it('state dir: GATEHOUSE_STATE_DIR (with ~ expanded), else ~/.gatehouse; never OPENCLAW_STATE_DIR', () => {
    expect(resolveStateDir({ GATEHOUSE_STATE_DIR: '/srv/gatehouse' })).toBe('/srv/gatehouse');
    expect(resolveStateDir({ GATEHOUSE_STATE_DIR: '~/gh', HOME: '/home/ada' })).toBe('/home/ada/gh');
    expect(resolveStateDir({ HOME: '/home/ada', OPENCLAW_STATE_DIR: '/home/ada/.openclaw' })).toBe('/home/ada/.gatehouse');
    expect(resolveStateDir({})).toBe(path.join(os.homedir(), '.gatehouse'));
  });

  it('config path: --config, then GATEHOUSE_CONFIG_PATH, then OPENCLAW_CONFIG_PATH, then <stateDir>/gatehouse.json', () => {
    const stateDir = '/srv/gatehouse';
    const env = { GATEHOUSE_CONFIG_PATH: '/etc/gatehouse.json5', OPENCLAW_CONFIG_PATH: '/home/ada/.openclaw/openclaw.json', HOME: '/home/ada' };
    expect(resolveConfigPath({ cliPath: '~/custom.json5', env, stateDir })).toBe('/home/ada/custom.json5');
    expect(resolveConfigPath({ env, stateDir })).toBe('/etc/gatehouse.json5');
    expect(resolveConfigPath({ env: { OPENCLAW_CONFIG_PATH: env.OPENCLAW_CONFIG_PATH }, stateDir })).toBe('/home/ada/.openclaw/openclaw.json');
    expect(resolveConfigPath({ env: {}, stateDir })).toBe('/srv/gatehouse/gatehouse.json');
  });
});
