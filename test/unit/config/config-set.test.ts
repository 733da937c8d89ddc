import { stat, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigWriteError, configGetPayload, setConfig } from '../../../gateway/core/config/index.js';
import { createConfigSandbox, type ConfigSandbox } from './support/config-sandbox.js';

const sandboxes: ConfigSandbox[] = [];
async function sandboxWith(text?: string, env: NodeJS.ProcessEnv = {}): Promise<ConfigSandbox> {
  const sandbox = await createConfigSandbox(env);
  sandboxes.push(sandbox);
  if (text !== undefined) await sandbox.write(text);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.remove()));
});

async function set(sandbox: ConfigSandbox, raw: string, baseHash?: string) {
  const loaded = await sandbox.load();
  return setConfig({ loaded, raw, baseHash, stateDir: sandbox.stateDir, env: sandbox.env });
}

async function refusal(promise: Promise<unknown>): Promise<ConfigWriteError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigWriteError);
  return error as ConfigWriteError;
}

const HOME_CONFIG = `// my gateway
{
  gateway: { mode: "local", port: 18789, auth: { mode: "token", token: "original-token" } },
  channels: { telegram: { botToken: "123:bot-token", dmPolicy: "pairing" } },
}
`;

describe('config.set (config.md §1.7)', () => {
  it('the first write needs no baseHash and creates the file 0600', async () => {
    const sandbox = await sandboxWith();
    const { loaded, changedPaths } = await set(sandbox, '{ gateway: { mode: "local", port: 18800 } }');
    expect(loaded).toMatchObject({ exists: true, valid: true });
    expect(loaded.config.gateway?.port).toBe(18800);
    expect(await sandbox.read()).toBe('{ gateway: { mode: "local", port: 18800 } }');
    expect((await stat(sandbox.configPath)).mode & 0o777).toBe(0o600);
    expect(changedPaths).toEqual(['gateway.mode', 'gateway.port']);
  });

  it('once the file exists a baseHash is required, and a stale one is refused', async () => {
    const sandbox = await sandboxWith(HOME_CONFIG);
    const missing = await refusal(set(sandbox, '{ gateway: { mode: "local" } }'));
    expect(missing).toMatchObject({ code: 'INVALID_REQUEST', message: 'config base hash required; re-run config.get and retry' });

    const { hash } = await sandbox.load();
    await writeFile(sandbox.configPath, HOME_CONFIG.replace('18789', '18790'));
    const stale = await refusal(set(sandbox, HOME_CONFIG, hash ?? undefined));
    expect(stale).toMatchObject({ code: 'INVALID_REQUEST', message: 'config changed since last load; re-run config.get and retry' });
    expect(await sandbox.read()).toContain('18790');
  });

  it('a redacted config.get round-trips: edit the raw text, send it back, the secrets are restored', async () => {
    const sandbox = await sandboxWith(HOME_CONFIG);
    const view = configGetPayload(await sandbox.load());
    const edited = String(view.raw).replace('port: 18789', 'port: 18801');
    expect(edited).toContain('__OPENCLAW_REDACTED__');

    const { loaded, changedPaths } = await set(sandbox, edited, String(view.hash));

    const written = await sandbox.read();
    expect(written).toBe(HOME_CONFIG.replace('port: 18789', 'port: 18801'));
    expect(loaded.config.gateway?.auth?.token).toBe('original-token');
    expect(loaded.config.channels?.telegram?.botToken).toBe('123:bot-token');
    expect(changedPaths).toEqual(['gateway.port']);
  });

  it('a placeholder with nothing to restore is refused', async () => {
    const sandbox = await sandboxWith(HOME_CONFIG);
    const { hash } = await sandbox.load();
    const error = await refusal(set(sandbox, HOME_CONFIG.replace('dmPolicy: "pairing"', 'dmPolicy: "pairing", webhookSecret: "__OPENCLAW_REDACTED__"'), hash ?? undefined));
    expect(error.message).toContain('channels.telegram.webhookSecret is "__OPENCLAW_REDACTED__" but the current config has no value there to restore');
  });

  it('an invalid config is refused with its issues, and nothing is written', async () => {
    const sandbox = await sandboxWith(HOME_CONFIG);
    const { hash } = await sandbox.load();
    const error = await refusal(set(sandbox, HOME_CONFIG.replace('port: 18789', 'port: 0'), hash ?? undefined));
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain('gateway.port: must be an integer from 1 to 65535');
    expect(error.details).toEqual({ issues: [{ path: 'gateway.port', message: 'must be an integer from 1 to 65535' }] });
    expect(await sandbox.read()).toBe(HOME_CONFIG);
  });

  it('dropping existing agents is refused', async () => {
    const agents = '{ gateway: { mode: "local" }, agents: { ownership: "explicit", entries: { home: {}, ops: {} } } }';
    const sandbox = await sandboxWith(agents);
    const { hash } = await sandbox.load();
    const error = await refusal(set(sandbox, '{ gateway: { mode: "local" }, agents: { entries: { home: {} } } }', hash ?? undefined));
    expect(error.message).toMatch(/^config.set would remove existing agents \(ops\)/);
    expect(await sandbox.read()).toBe(agents);
  });

  it('clobber guards: dropping gateway.mode or shrinking the file by half is refused', async () => {
    const big = `{ gateway: { mode: "local" }, session: { resetTriggers: [${Array.from({ length: 60 }, (_, index) => `"reset phrase ${index}"`).join(', ')}] } }`;
    const sandbox = await sandboxWith(big);
    const { hash } = await sandbox.load();

    const noMode = await refusal(set(sandbox, big.replace('gateway: { mode: "local" }, ', ''), hash ?? undefined));
    expect(noMode.message).toContain('drops gateway.mode');

    const shrunk = await refusal(set(sandbox, '{ gateway: { mode: "local" }, session: { resetTriggers: ["reset"] } }', hash ?? undefined));
    expect(shrunk.message).toContain('less than half the size of the current one');
    expect(await sandbox.read()).toBe(big);
  });

  it('GATEHOUSE_CONFIG_READONLY=1 refuses every write', async () => {
    const sandbox = await sandboxWith(HOME_CONFIG, { GATEHOUSE_CONFIG_READONLY: '1' });
    const { hash } = await sandbox.load();
    const error = await refusal(set(sandbox, HOME_CONFIG, hash ?? undefined));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('config writes are disabled');
  });

  it('a file assembled with $include is never rewritten', async () => {
    const withInclude = '{ gateway: { mode: "local" }, $include: "./agents.json5" }';
    const sandbox = await sandboxWith(withInclude);
    const { hash } = await sandbox.load();
    const error = await refusal(set(sandbox, '{ gateway: { mode: "local" } }', hash ?? undefined));
    expect(error.message).toContain('uses $include, which Gatehouse does not support');
    expect(await sandbox.read()).toBe(withInclude);
  });

  it('raw must be a non-empty JSON5 object', async () => {
    const sandbox = await sandboxWith();
    expect((await refusal(set(sandbox, '  '))).message).toBe('config.set raw must be a non-empty JSON5 string');
    expect((await refusal(set(sandbox, '{ nope'))).message).toMatch(/^config.set raw is not valid JSON5/);
  });

  it('writes atomically: no temp files are left behind, even after a refused write', async () => {
    const sandbox = await sandboxWith(HOME_CONFIG);
    for (let port = 18801; port <= 18805; port++) {
      const { hash } = await sandbox.load();
      await set(sandbox, HOME_CONFIG.replace('18789', String(port)), hash ?? undefined);
    }
    const { hash } = await sandbox.load();
    await refusal(set(sandbox, '{ gateway: { mode: "local", port: -1 } }', hash ?? undefined));
    expect((await sandbox.files()).sort()).toEqual(['config-hash.key', 'gatehouse.json']);
    expect(await sandbox.read()).toContain('18805');
  });
});
