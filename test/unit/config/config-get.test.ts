import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import JSON5 from 'json5';
import { afterEach, describe, expect, it } from 'vitest';
import { configGetPayload } from '../../../gateway/core/config/index.js';
import { createConfigSandbox, type ConfigSandbox } from './support/config-sandbox.js';

const sandboxes: ConfigSandbox[] = [];
async function sandboxWith(env: NodeJS.ProcessEnv = {}): Promise<ConfigSandbox> {
  const sandbox = await createConfigSandbox(env);
  sandboxes.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.remove()));
});

const R = '__OPENCLAW_REDACTED__';

const FILE_WITH_SECRETS = `// Home gateway — keep the token secret (it is hunter2-gateway-token)
{
  gateway: {
    mode: "local",
    auth: { mode: "token", token: 'hunter2-gateway-token' },
    remote: { password: "\${REMOTE_PASSWORD}" },
  },
  env: { vars: { OPENAI_API_KEY: "sk-openai-secret", REGION: "eu" } },
  models: {
    providers: {
      lab: {
        baseUrl: "http://127.0.0.1:4000/v1",
        apiKey: { source: "env", provider: "default", id: "LAB_KEY" },
        headers: { "X-Team": "team-header-secret" },
        models: [{ id: "m", name: "M", maxTokens: 1024, contextTokens: 8000 }],
      },
    },
  },
  channels: { telegram: { botToken: "123:telegram-secret", webhookUrl: "https://example.com/tg", webhookSecret: "hook-secret" } },
}
`;

describe('config.get (config.md §1.7)', () => {
  it('hides every secret and shows the rest', async () => {
    const sandbox = await sandboxWith({ LAB_KEY: 'lab-key-value', REMOTE_PASSWORD: 'remote-pw' });
    await sandbox.write(FILE_WITH_SECRETS);

    const payload = configGetPayload(await sandbox.load());

    expect(payload.valid).toBe(true);
    expect(payload.parsed).toMatchObject({
      gateway: { auth: { token: R }, remote: { password: '${REMOTE_PASSWORD}' } },
      env: { vars: { OPENAI_API_KEY: R, REGION: 'eu' } },
      models: { providers: { lab: { apiKey: { source: 'env', provider: 'default', id: R }, headers: { 'X-Team': R }, models: [{ maxTokens: 1024, contextTokens: 8000 }] } } },
      channels: { telegram: { botToken: R, webhookUrl: 'https://example.com/tg', webhookSecret: R } },
    });
    expect(payload.resolved).toMatchObject({ gateway: { remote: { password: R } } });
    expect(payload.config).toMatchObject({ gateway: { auth: { token: R } }, models: { providers: { lab: { apiKey: R } } } });
    for (const secret of ['hunter2-gateway-token', 'sk-openai-secret', 'team-header-secret', '123:telegram-secret', 'hook-secret', 'lab-key-value', 'remote-pw']) {
      expect(JSON.stringify(payload)).not.toContain(secret);
    }
  });

  it('raw is the file text with secrets replaced in place: comments and layout survive', async () => {
    const sandbox = await sandboxWith({ LAB_KEY: 'x' });
    await sandbox.write(FILE_WITH_SECRETS);

    const { raw, parsed } = configGetPayload(await sandbox.load());

    expect(typeof raw).toBe('string');
    expect(raw).toContain('// Home gateway — keep the token secret (it is __OPENCLAW_REDACTED__)');
    expect(raw).toContain(`token: '${R}'`);
    expect(raw).toContain('remote: { password: "${REMOTE_PASSWORD}" }');
    expect(JSON5.parse(raw as string)).toEqual(parsed);
  });

  it('raw is null when the same text is also an ordinary value (replacing it would change the config)', async () => {
    const sandbox = await sandboxWith();
    await sandbox.write('{ gateway: { mode: "local", auth: { token: "open sesame" } }, session: { resetTriggers: ["open sesame"] } }');
    const payload = configGetPayload(await sandbox.load());
    expect(payload.raw).toBeNull();
    expect(payload.parsed).toMatchObject({ gateway: { auth: { token: R } } });
  });

  it('carries the validation result, hashes and include bookkeeping', async () => {
    const sandbox = await sandboxWith();
    await sandbox.write('{ gateway: { mode: "local", bind: "wide" } }');
    const payload = configGetPayload(await sandbox.load());
    expect(payload).toMatchObject({
      path: sandbox.configPath,
      exists: true,
      valid: false,
      raw: null,
      parsed: null,
      config: {},
      runtimeConfig: {},
      issues: [{ path: 'gateway.bind', message: expect.any(String), allowedValues: expect.any(Array) }],
      legacyIssues: [],
      includedPaths: [],
      includeProvenance: [],
      agentRosterIncludeOwned: false,
      bindingsIncludeOwned: false,
    });
    expect(payload.hash).toMatch(/^hmac-sha256:v1:/);
    expect(payload.configRevisionHash).toMatch(/^hmac-sha256:v1:/);
    expect(payload.appliedConfigHash).toBe(payload.configRevisionHash);
  });

  it('the hash is keyed by a private per-install key, so it is stable but unguessable elsewhere', async () => {
    const one = await sandboxWith();
    const two = await sandboxWith();
    const text = '{ gateway: { mode: "local", auth: { token: "1234" } } }';
    await one.write(text);
    await two.write(text);

    const first = await one.load();
    const again = await one.load();
    const elsewhere = await two.load();

    expect(again.hash).toBe(first.hash);
    expect(elsewhere.hash).not.toBe(first.hash);
    const keyFile = path.join(one.stateDir, 'config-hash.key');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await readFile(keyFile, 'utf8')).trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a missing file reports exists false, a null hash and the defaults', async () => {
    const sandbox = await sandboxWith();
    const payload = configGetPayload(await sandbox.load());
    expect(payload).toMatchObject({ exists: false, hash: null, raw: null, valid: true, parsed: {}, config: { gateway: { port: 18789 } } });
  });
});
