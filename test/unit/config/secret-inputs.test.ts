import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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

function provider(apiKey: string): string {
  return `{ gateway: { mode: "local" }, models: { providers: { openai: { apiKey: ${apiKey} } } } }`;
}

describe('secret inputs (config.md §1.4)', () => {
  it('plaintext, "${NAME}" and "$NAME" all resolve to the secret', async () => {
    const sandbox = await sandboxWith({ OPENAI_KEY_VAR: 'sk-from-env' });
    for (const input of ['"sk-plain"', '"${OPENAI_KEY_VAR}"', '"$OPENAI_KEY_VAR"']) {
      await sandbox.write(provider(input));
      const { config } = await sandbox.load();
      expect(config.models?.providers?.openai?.apiKey).toBe(input === '"sk-plain"' ? 'sk-plain' : 'sk-from-env');
    }
  });

  it('an env SecretRef resolves from the env, and is unavailable (with a warning) when unset', async () => {
    const sandbox = await sandboxWith({ GATEWAY_SECRET: 's3cret' });
    await sandbox.write('{ gateway: { mode: "local", auth: { token: { source: "env", provider: "default", id: "GATEWAY_SECRET" }, password: { source: "env", id: "NOT_SET" } } } }');

    const { config, warnings } = await sandbox.load();

    expect(config.gateway?.auth?.token).toBe('s3cret');
    expect(config.gateway?.auth?.password).toEqual({ source: 'env', id: 'NOT_SET' });
    expect(warnings).toEqual(['gateway.auth.password: environment variable NOT_SET is not set; the secret is unavailable']);
  });

  it('a file SecretRef reads a JSON pointer from the provider file, or a single-value file', async () => {
    const sandbox = await sandboxWith();
    await writeFile(path.join(sandbox.stateDir, 'keys.json'), JSON.stringify({ providers: { anthropic: 'sk-ant-file' }, list: ['zero', 'one'] }));
    await writeFile(path.join(sandbox.stateDir, 'token.txt'), 'tg-token\n');
    await sandbox.write(`{ gateway: { mode: "local" },
      secrets: { providers: {
        keys: { source: "file", path: "~/keys.json" },
        single: { source: "file", path: "~/token.txt", mode: "singleValue" } } },
      models: { providers: {
        anthropic: { apiKey: { source: "file", provider: "keys", id: "/providers/anthropic" } },
        openai: { apiKey: { source: "file", provider: "keys", id: "/list/1" } } } },
      channels: { telegram: { botToken: { source: "file", provider: "single", id: "value" } } } }`);

    const { config, warnings } = await sandbox.load();

    expect(warnings).toEqual([]);
    expect(config.models?.providers?.anthropic?.apiKey).toBe('sk-ant-file');
    expect(config.models?.providers?.openai?.apiKey).toBe('one');
    expect(config.channels?.telegram?.botToken).toBe('tg-token');
  });

  it('a file ref whose pointer finds nothing is unavailable, and the warning does not leak the file', async () => {
    const sandbox = await sandboxWith();
    await writeFile(path.join(sandbox.stateDir, 'keys.json'), JSON.stringify({ other: 'do-not-print' }));
    await sandbox.write('{ gateway: { mode: "local" }, secrets: { providers: { keys: { source: "file", path: "~/keys.json" } } }, models: { providers: { anthropic: { apiKey: { source: "file", provider: "keys", id: "/missing" } } } } }');

    const { config, warnings } = await sandbox.load();

    expect(config.models?.providers?.anthropic?.apiKey).toEqual({ source: 'file', provider: 'keys', id: '/missing' });
    expect(warnings).toEqual(['models.providers.anthropic.apiKey: file secret provider "keys": no string value at /missing; the secret is unavailable']);
    expect(warnings.join('')).not.toContain('do-not-print');
  });

  it('exec and store refs validate but resolve unavailable', async () => {
    const sandbox = await sandboxWith();
    await sandbox.write('{ gateway: { mode: "local" }, secrets: { providers: { vault: { source: "exec", command: "/usr/bin/vault-get" } } }, models: { providers: { openai: { apiKey: { source: "exec", provider: "vault", id: "openai" } } } } }');
    const { valid, warnings, config } = await sandbox.load();
    expect(valid).toBe(true);
    expect(config.models?.providers?.openai?.apiKey).toMatchObject({ source: 'exec' });
    expect(warnings[0]).toContain('"exec" secret providers are not supported by Gatehouse');
  });

  it('a bare ANTHROPIC_API_KEY / OPENAI_API_KEY / OLLAMA_API_KEY apiKey means "read that variable"', async () => {
    const sandbox = await sandboxWith({ OPENAI_API_KEY: 'sk-openai-env' });
    await sandbox.write(provider('"OPENAI_API_KEY"'));
    const { config, warnings } = await sandbox.load();
    expect(config.models?.providers?.openai?.apiKey).toBe('sk-openai-env');
    expect(warnings).toEqual([]);
  });

  it('"ollama-local" is a plain placeholder, and other all-caps names get a ${NAME} suggestion', async () => {
    const sandbox = await sandboxWith();
    await sandbox.write('{ gateway: { mode: "local" }, models: { providers: { ollama: { apiKey: "ollama-local" }, openai: { apiKey: "MY_OPENAI_KEY" } } } }');
    const { config, warnings } = await sandbox.load();
    expect(config.models?.providers?.ollama?.apiKey).toBe('ollama-local');
    expect(config.models?.providers?.openai?.apiKey).toBe('MY_OPENAI_KEY');
    expect(warnings).toEqual([expect.stringContaining('models.providers.openai.apiKey: the value looks like an environment variable name')]);
  });

  it('a ref must name a configured provider of its own source, and ids must fit the source', async () => {
    const sandbox = await sandboxWith();
    await sandbox.write(`{ gateway: { mode: "local", auth: { token: { source: "env", id: "lower_case" } } },
      secrets: { providers: { vault: { source: "env" } } },
      models: { providers: {
        anthropic: { apiKey: { source: "file", provider: "keys", id: "/a" } },
        openai: { apiKey: { source: "file", provider: "vault", id: "no-slash" } } } } }`);

    const { valid, issues } = await sandbox.load();

    expect(valid).toBe(false);
    expect(issues).toEqual([
      { path: 'gateway.auth.token.id', message: expect.stringContaining('must be an environment variable name') },
      { path: 'models.providers.anthropic.apiKey.provider', message: expect.stringContaining('add secrets.providers.keys'), allowedValues: ['vault'] },
      { path: 'models.providers.openai.apiKey.id', message: expect.stringContaining('absolute JSON pointer') },
      { path: 'models.providers.openai.apiKey.provider', message: 'secrets.providers.vault has source "env", but this ref has source "file"' },
    ]);
  });

  it('the redaction placeholder is never accepted as a secret', async () => {
    const sandbox = await sandboxWith();
    await sandbox.write('{ gateway: { mode: "local", auth: { token: "__OPENCLAW_REDACTED__" } } }');
    const { issues } = await sandbox.load();
    expect(issues).toEqual([{ path: 'gateway.auth.token', message: expect.stringContaining('is the placeholder config.get shows') }]);
  });
});
