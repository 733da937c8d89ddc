import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isResolvedSecret, loadConfig, type LoadedConfig } from '../../../gateway/core/config/index.js';
import { createConfigSandbox, loadText, type ConfigSandbox } from './support/config-sandbox.js';
import { BENCH_CONFIG, FULLER_CONFIG, REMOTE_CLIENT_CONFIG, SMALLEST_CONFIG } from './support/spec-examples.js';

const sandboxes: ConfigSandbox[] = [];
async function load(text: string, env: NodeJS.ProcessEnv = {}): Promise<LoadedConfig> {
  const loaded = await loadText(text, env);
  sandboxes.push(loaded.sandbox);
  return loaded;
}
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.remove()));
});

describe('the bench file (config.md §9.1)', () => {
  const env = { OPENCLAW_GATEWAY_TOKEN: 'bench-token', OPENCLAW_STATE_DIR: '/var/bench/openclaw' };

  it('loads unchanged, valid, with no warnings at all', async () => {
    const loaded = await load(BENCH_CONFIG, env);
    expect(loaded.issues).toEqual([]);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.valid).toBe(true);
  });

  it('means what it says: loopback token auth, the mock provider, the substituted log file', async () => {
    const { config } = await load(BENCH_CONFIG, env);
    expect(config.gateway).toMatchObject({ mode: 'local', port: 18789, bind: 'loopback', auth: { mode: 'token', token: 'bench-token' } });
    expect(config.models?.providers?.mock?.models?.[0]).toMatchObject({ id: 'mock-model', contextWindow: 32000, maxTokens: 1024 });
    expect(config.logging?.file).toBe('/var/bench/openclaw/logs/openclaw.log');
    expect(config.agents?.defaults?.model).toEqual({ primary: 'mock/mock-model' });
  });

  it('keeps the authored text and reports the resolved form with the materialised main agent', async () => {
    const loaded = await load(BENCH_CONFIG, env);
    expect(loaded.raw).toBe(BENCH_CONFIG);
    expect(loaded.authored).toMatchObject({ gateway: { auth: { token: '${OPENCLAW_GATEWAY_TOKEN}' } } });
    expect(loaded.resolved).toMatchObject({ gateway: { auth: { token: 'bench-token' } }, agents: { entries: { main: {} } } });
    expect(loaded.hash).toMatch(/^hmac-sha256:v1:[A-Za-z0-9_-]{43}$/);
  });
});

describe('the fuller example (config.md §9.2)', () => {
  it('loads valid, with the secrets it can resolve resolved', async () => {
    const sandbox = await createConfigSandbox({ GATEHOUSE_GATEWAY_TOKEN: 'gw-secret', TELEGRAM_BOT_TOKEN: '123:abc' });
    sandboxes.push(sandbox);
    await mkdir(path.join(sandbox.stateDir, '.gatehouse'), { recursive: true });
    await writeFile(path.join(sandbox.stateDir, '.gatehouse', 'secrets.json'), JSON.stringify({ anthropic: 'sk-ant-from-file' }));
    await sandbox.write(FULLER_CONFIG);

    const loaded = await sandbox.load();

    expect(loaded.issues).toEqual([]);
    expect(loaded.valid).toBe(true);
    expect(loaded.config.gateway?.auth?.token).toBe('gw-secret');
    expect(loaded.config.models?.providers?.anthropic?.apiKey).toBe('sk-ant-from-file');
    expect(loaded.config.channels?.telegram?.botToken).toBe('123:abc');
    expect(loaded.config.logging?.file).toBe(path.join(sandbox.stateDir, '.gatehouse/logs/gatehouse.log'));
    expect(loaded.config.agents?.entries?.ops?.tools?.exec?.mode).toBe('ask');
  });

  it('still loads when its env vars are missing, naming each unavailable value in a warning', async () => {
    const loaded = await load(FULLER_CONFIG);
    expect(loaded.valid).toBe(true);
    expect(loaded.warnings.join('\n')).toContain('${LITELLM_API_KEY} is not set (used at models.providers.litellm.apiKey)');
    expect(loaded.warnings.join('\n')).toContain('${DISCORD_BOT_TOKEN} is not set');
    expect(isResolvedSecret(loaded.config.models?.providers?.litellm?.apiKey)).toBe(false);
    expect(loaded.config.channels?.discord?.token).toEqual({ source: 'env', provider: 'default', id: 'DISCORD_BOT_TOKEN' });
  });
});

describe('small and client-side files', () => {
  it('the smallest hand-written file loads, warning only that gateway.mode is assumed', async () => {
    const loaded = await load(SMALLEST_CONFIG, { GATEHOUSE_GATEWAY_TOKEN: 't' });
    expect(loaded.valid).toBe(true);
    expect(loaded.warnings).toEqual([expect.stringContaining('gateway.mode is not set; assuming "local"')]);
    expect(loaded.config.gateway?.mode).toBe('local');
    expect(loaded.config.agents?.defaults?.model).toBe('anthropic/claude-opus-4-6');
  });

  it('the tray app file loads with its fingerprint normalised to lowercase hex', async () => {
    const loaded = await load(REMOTE_CLIENT_CONFIG, { GATEHOUSE_GATEWAY_TOKEN: 't' });
    expect(loaded.valid).toBe(true);
    expect(loaded.config.gateway?.remote?.tlsFingerprint).toBe('ab'.repeat(32));
  });

  it('a missing file means defaults: valid, no hash, loopback on 18789', async () => {
    const sandbox = await createConfigSandbox();
    sandboxes.push(sandbox);
    const loaded = await loadConfig({ path: sandbox.configPath, stateDir: sandbox.stateDir, env: sandbox.env });
    expect(loaded).toMatchObject({ exists: false, raw: null, hash: null, valid: true, authored: null, resolved: null });
    expect(loaded.config.gateway).toMatchObject({ mode: 'local', port: 18789, bind: 'loopback' });
    expect(loaded.config.logging?.file).toBe(path.join(sandbox.stateDir, 'logs', 'gatehouse.log'));
  });

  it('an invalid file runs with defaults only, never a half-applied config', async () => {
    const loaded = await load('{ gateway: { port: 99999, bind: "lan" } }');
    expect(loaded.valid).toBe(false);
    expect(loaded.config.gateway?.bind).toBe('loopback');
    expect(loaded.config.gateway?.port).toBe(18789);
  });
});
