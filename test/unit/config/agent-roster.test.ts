import { afterEach, describe, expect, it } from 'vitest';
import { resolveAgentRoster, type AgentRoster } from '../../../gateway/core/config/index.js';
import { loadText, type ConfigSandbox } from './support/config-sandbox.js';
import { FULLER_CONFIG } from './support/spec-examples.js';

const sandboxes: ConfigSandbox[] = [];
async function rosterOf(text: string, env: NodeJS.ProcessEnv = {}): Promise<AgentRoster & { stateDir: string }> {
  const loaded = await loadText(text, env);
  sandboxes.push(loaded.sandbox);
  expect(loaded.issues).toEqual([]);
  return { ...resolveAgentRoster(loaded.config, loaded.sandbox.stateDir, loaded.env), stateDir: loaded.sandbox.stateDir };
}
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.remove()));
});

describe('the agent roster (config.md §4)', () => {
  it('no agents configured: one default agent "main" working in <stateDir>/workspace', async () => {
    const roster = await rosterOf('{ gateway: { mode: "local" } }');
    expect(roster).toMatchObject({
      defaultAgentId: 'main',
      mainKey: 'main',
      scope: 'per-sender',
      agents: [{ id: 'main', workspace: `${roster.stateDir}/workspace`, isDefault: true }],
    });
  });

  it('agents.defaults alone still means "main", with the default model and workspace env', async () => {
    const roster = await rosterOf('{ gateway: { mode: "local" }, agents: { defaults: { model: "anthropic/claude-opus-4-6" } } }', {
      GATEHOUSE_WORKSPACE_DIR: '/work/agents',
    });
    expect(roster.agents).toEqual([{ id: 'main', workspace: '/work/agents', isDefault: true, model: { primary: 'anthropic/claude-opus-4-6' } }]);
  });

  it('the §9.2 fleet: the system agent is the default, workspaces per agent, entry models are strict', async () => {
    const roster = await rosterOf(FULLER_CONFIG);
    expect(roster.defaultAgentId).toBe('home');
    expect(roster.agents).toEqual([
      {
        id: 'home',
        name: 'Home',
        identity: { name: 'Samantha', emoji: '🦥', theme: 'helpful sloth' },
        workspace: `${roster.stateDir}/workspace-home`,
        model: { primary: 'anthropic/claude-opus-4-6', fallbacks: ['openai/gpt-6-astra'] },
        isDefault: true,
      },
      { id: 'ops', workspace: `${roster.stateDir}/workspace-ops`, model: { primary: 'ollama/qwen3:32b', fallbacks: [] }, isDefault: false },
    ]);
  });

  it('a fleet under defaults.workspace gets <workspace>/<id>; an entry workspace wins; default: true picks the default', async () => {
    const roster = await rosterOf(`{ gateway: { mode: "local" }, session: { scope: "global" },
      agents: { defaults: { workspace: "~/agents" }, entries: { a: { model: "x/one" }, b: { default: true, workspace: "/srv/b" } } } }`);
    expect(roster.scope).toBe('global');
    expect(roster.defaultAgentId).toBe('b');
    expect(roster.agents).toEqual([
      { id: 'a', workspace: `${roster.stateDir}/agents/a`, model: { primary: 'x/one' }, isDefault: false },
      { id: 'b', workspace: '/srv/b', isDefault: true },
    ]);
  });

  it('an explicit fleet without a system agent has no default agent', async () => {
    const roster = await rosterOf('{ gateway: { mode: "local" }, agents: { ownership: "explicit", entries: { a: {}, b: {} } } }');
    expect(roster.defaultAgentId).toBeNull();
    expect(roster.agents.map((agent) => agent.isDefault)).toEqual([false, false]);
  });
});
