import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveGatewaySettings } from '../../../gateway/core/config/index.js';
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

const MODE = 'gateway: { mode: "local" }';

describe('${VAR} substitution (config.md §1.3)', () => {
  it('reads the process env first, then <stateDir>/.env, then env.vars — none overriding an earlier one', async () => {
    const sandbox = await sandboxWith({ FROM_PROCESS: 'process' });
    await sandbox.writeStateFile('.env', '# state dir env\nFROM_PROCESS=dotenv\nFROM_DOTENV="dotenv"\nexport SHARED=dotenv\n');
    await sandbox.write(`{ ${MODE},
      env: { vars: { FROM_PROCESS: 'vars', SHARED: 'vars', ONLY_VARS: 'vars' } },
      session: { resetTriggers: ["\${FROM_PROCESS}", "\${FROM_DOTENV}", "\${SHARED}", "\${ONLY_VARS}"] } }`);

    const loaded = await sandbox.load();

    expect(loaded.warnings).toEqual([]);
    expect(loaded.config.session?.resetTriggers).toEqual(['process', 'dotenv', 'dotenv', 'vars']);
    expect(loaded.env).toMatchObject({ FROM_PROCESS: 'process', FROM_DOTENV: 'dotenv', ONLY_VARS: 'vars' });
  });

  it('substitutes inside longer strings, and `$${NAME}` stays the literal text', async () => {
    const sandbox = await sandboxWith({ BASE: 'http://gpu.local:8000' });
    await sandbox.write(`{ ${MODE}, models: { providers: { vllm: { baseUrl: "\${BASE}/v1", api: "openai-completions",
      models: [{ id: "m", name: "costs $\${DOLLARS} per \${BASE}" }] } } } }`);

    const { config, warnings } = await sandbox.load();

    expect(warnings).toEqual([]);
    expect(config.models?.providers?.vllm?.baseUrl).toBe('http://gpu.local:8000/v1');
    expect(config.models?.providers?.vllm?.models?.[0]?.name).toBe('costs ${DOLLARS} per http://gpu.local:8000');
  });

  it('only uppercase names are references; keys are never substituted', async () => {
    const sandbox = await sandboxWith({ lower: 'x', NAME: 'y' });
    await sandbox.write(`{ ${MODE}, session: { identityLinks: { "\${NAME}": ["\${lower}"] } } }`);
    const { config } = await sandbox.load();
    expect(config.session?.identityLinks).toEqual({ '${NAME}': ['${lower}'] });
  });

  it('env.vars values are literal: a ${…} inside them is not expanded', async () => {
    const sandbox = await sandboxWith({ HOME_DIR: '/home/me' });
    await sandbox.write(`{ ${MODE}, env: { vars: { WORKDIR: "\${HOME_DIR}/work" } }, agents: { defaults: { workspace: "\${WORKDIR}" } } }`);
    const { config } = await sandbox.load();
    expect(config.env?.vars?.WORKDIR).toBe('${HOME_DIR}/work');
    expect(config.agents?.defaults?.workspace).toBe('${HOME_DIR}/work');
  });

  it('a missing or empty variable stays as text, warns once, and counts as unavailable', async () => {
    const sandbox = await sandboxWith({ EMPTY: '' });
    await sandbox.write(`{ ${MODE}, session: { resetTriggers: ["\${MISSING}", "again \${MISSING}", "\${EMPTY}"] } }`);

    const { config, warnings, valid } = await sandbox.load();

    expect(valid).toBe(true);
    expect(config.session?.resetTriggers).toEqual(['${MISSING}', 'again ${MISSING}', '${EMPTY}']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^\$\{MISSING\} is not set \(used at session\.resetTriggers\.0\)/);
  });

  it('an unavailable path falls back to its default', async () => {
    const sandbox = await sandboxWith();
    await sandbox.write(`{ ${MODE}, logging: { file: "\${LOG_DIR}/gatehouse.log" } }`);
    const { config } = await sandbox.load();
    expect(config.logging?.file).toBe(path.join(sandbox.stateDir, 'logs', 'gatehouse.log'));
  });

  it('an unavailable gateway token is not replaced by the env fallback (fail closed)', async () => {
    const sandbox = await sandboxWith({ GATEHOUSE_GATEWAY_TOKEN: 'env-token' });
    await sandbox.write(`{ ${MODE}, gateway: { mode: "local", auth: { token: "\${TYPO_GATEWAY_TOKEN}" } } }`);

    const loaded = await sandbox.load();
    const settings = resolveGatewaySettings(loaded.config, loaded.env, {});

    expect(settings.auth.mode).toBe('token');
    expect(settings.auth.token).toBeUndefined();
    expect(settings.warnings.join('\n')).toContain('gateway.auth.token is configured but could not be resolved');
  });

  it('the env fallbacks see <stateDir>/.env too, through loaded.env', async () => {
    const sandbox = await sandboxWith();
    await sandbox.writeStateFile('.env', 'GATEHOUSE_GATEWAY_TOKEN=from-dotenv\n');
    await sandbox.write(`{ ${MODE} }`);
    const loaded = await sandbox.load();
    expect(resolveGatewaySettings(loaded.config, loaded.env, {}).auth.token).toBe('from-dotenv');
  });

  it('no aliasing: ${OPENCLAW_GATEWAY_TOKEN} reads exactly that variable', async () => {
    const sandbox = await sandboxWith({ GATEHOUSE_GATEWAY_TOKEN: 'gatehouse-name' });
    await sandbox.write('{ gateway: { mode: "local", auth: { token: "${OPENCLAW_GATEWAY_TOKEN}" } } }');
    const { config, warnings } = await sandbox.load();
    expect(config.gateway?.auth?.token).toEqual({ source: 'env', provider: 'default', id: 'OPENCLAW_GATEWAY_TOKEN' });
    expect(warnings[0]).toContain('${OPENCLAW_GATEWAY_TOKEN} is not set');
  });
});
