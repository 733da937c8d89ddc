import { afterEach, describe, expect, it } from 'vitest';
import { resolveAgentRoster, type LoadedConfig } from '../../../gateway/core/config/index.js';
import { loadText, type ConfigSandbox } from './support/config-sandbox.js';

const sandboxes: ConfigSandbox[] = [];
async function load(text: string): Promise<LoadedConfig & { sandbox: ConfigSandbox }> {
  const loaded = await loadText(text);
  sandboxes.push(loaded.sandbox);
  return loaded;
}
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.remove()));
});

describe('legacy keys are read in memory, never rewritten (config.md §1.6)', () => {
  it('agents.list becomes agents.entries; a fleet without a default becomes explicit, owned by the first agent', async () => {
    const text = '{ gateway: { mode: "local" }, agents: { list: [{ id: "home", name: "Home" }, { id: "ops", workspace: "/srv/ops" }] } }';
    const loaded = await load(text);

    expect(loaded.valid).toBe(true);
    expect(loaded.resolved).toMatchObject({
      agents: { ownership: 'explicit', defaults: { systemAgent: { agentId: 'home' } }, entries: { home: { name: 'Home' }, ops: { workspace: '/srv/ops' } } },
    });
    expect(loaded.warnings).toContain('agents.list: legacy form (pre-2026.8); read as agents.entries (the file is not rewritten)');
    expect(loaded.legacyIssues).toEqual([{ path: 'agents.list', message: expect.stringContaining('read as agents.entries') }]);
    expect(await loaded.sandbox.read()).toBe(text);
    expect(resolveAgentRoster(loaded.config, loaded.sandbox.stateDir, {}).defaultAgentId).toBe('home');
  });

  it('a list item marked default keeps implicit ownership', async () => {
    const loaded = await load('{ gateway: { mode: "local" }, agents: { list: [{ id: "a" }, { id: "b", default: true }] } }');
    expect(loaded.valid).toBe(true);
    expect(resolveAgentRoster(loaded.config, loaded.sandbox.stateDir, {}).defaultAgentId).toBe('b');
  });

  it('agents.list and agents.entries together are an error', async () => {
    const loaded = await load('{ gateway: { mode: "local" }, agents: { list: [{ id: "a" }], entries: { b: {} } } }');
    expect(loaded.valid).toBe(false);
    expect(loaded.issues).toEqual([{ path: 'agents.list', message: expect.stringContaining('agents.list (legacy) and agents.entries are both set') }]);
  });

  it('maps old spellings of bind, reload, exec timeout, reset-by-type, default model and heartbeat', async () => {
    const loaded = await load(`{
      gateway: { mode: "local", bind: "0.0.0.0", auth: { mode: "token", token: "t" }, reload: { mode: "hot", debounceMs: 200 } },
      tools: { exec: { timeoutSec: 90 } },
      session: { resetByType: { dm: { mode: "idle", idleMinutes: 30 } } },
      defaultModel: "anthropic/claude-opus-4-6",
      heartbeat: { every: "2h" },
    }`);

    expect(loaded.issues).toEqual([]);
    expect(loaded.config.gateway?.bind).toBe('lan');
    expect(loaded.config.gateway?.reload).toEqual({ mode: 'hybrid' });
    expect(loaded.config.tools?.exec?.timeoutSeconds).toBe(90);
    expect(loaded.config.session?.resetByType).toEqual({ direct: { mode: 'idle', idleMinutes: 30 } });
    expect(loaded.config.agents?.defaults?.model).toBe('anthropic/claude-opus-4-6');
    expect(loaded.config.agents?.defaults?.heartbeat).toEqual({ every: '2h' });
    expect(loaded.legacyIssues.map((entry) => entry.path)).toEqual([
      'defaultModel', 'heartbeat', 'gateway.bind', 'gateway.reload.mode', 'gateway.reload.debounceMs',
      'tools.exec.timeoutSec', 'session.resetByType.dm',
    ]);
  });

  it('drops retired keys with a warning (meta.lastTouchedAt silently, as meta.* must be)', async () => {
    const loaded = await load(`{
      meta: { lastTouchedAt: "2026-01-01T00:00:00Z", lastTouchedVersion: "2026.9.6" },
      gateway: { mode: "local", webchat: { chatHistoryMaxChars: 1000 }, controlUi: { allowInsecureAuth: true } },
      channels: { webchat: {} }, logging: { redactSensitive: "tools", consoleStyle: "compact" }, cron: { store: "~/cron.json" },
    }`);

    expect(loaded.valid).toBe(true);
    expect(loaded.warnings).toEqual([
      'channels.webchat: retired key; dropped (the file is not rewritten)',
      'gateway.webchat: retired key; dropped (the file is not rewritten)',
      'logging.redactSensitive: retired key; dropped (the file is not rewritten)',
      'cron.store: retired key; dropped (the file is not rewritten)',
      'gateway.controlUi.allowInsecureAuth: retired key; dropped (the file is not rewritten)',
      'logging.consoleStyle: retired value "compact"; read as "pretty"',
    ]);
    expect(loaded.config.logging?.consoleStyle).toBe('pretty');
  });

  it('the removed openai-codex-responses api is an error that names its replacement', async () => {
    const loaded = await load('{ gateway: { mode: "local" }, models: { providers: { openai: { api: "openai-codex-responses" } } } }');
    expect(loaded.issues).toEqual([{ path: 'models.providers.openai.api', message: '"openai-codex-responses" was removed; use "openai-chatgpt-responses"' }]);
  });
});
