import path from 'node:path';
import type { GatehouseConfig } from './schema/root.js';
import { expandHome } from './state-paths.js';

// config.md §4.1–4.3, §4.5: the agents the gateway runs, with their workspaces and models.

export interface AgentIdentity {
  name?: string;
  emoji?: string;
  avatar?: string;
  theme?: string;
}

export interface RosterAgent {
  id: string;
  name?: string;
  identity?: AgentIdentity;
  workspace: string;
  model?: { primary?: string; fallbacks?: string[] };
  isDefault: boolean;
}

export interface AgentRoster {
  defaultAgentId: string | null;
  /** The main session suffix is always `main` (`session.mainKey` is accepted and ignored). */
  mainKey: 'main';
  scope: 'per-sender' | 'global';
  agents: RosterAgent[];
}

type AgentModel = NonNullable<NonNullable<NonNullable<GatehouseConfig['agents']>['defaults']>['model']>;

/** A string is the primary only; the object form is taken as written (no inherited fallbacks). */
function modelOf(model: AgentModel | undefined): RosterAgent['model'] {
  if (model === undefined) return undefined;
  if (typeof model === 'string') return { primary: model };
  return {
    ...(model.primary !== undefined ? { primary: model.primary } : {}),
    ...(model.fallbacks !== undefined ? { fallbacks: [...model.fallbacks] } : {}),
  };
}

function envWorkspace(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.GATEHOUSE_WORKSPACE_DIR || env.OPENCLAW_WORKSPACE_DIR;
  return value ? value : undefined;
}

export function resolveAgentRoster(config: GatehouseConfig, stateDir: string, env: NodeJS.ProcessEnv): AgentRoster {
  const defaults = config.agents?.defaults;
  // Config beats env; both are the base for every agent's default workspace.
  const configuredBase = defaults?.workspace ?? envWorkspace(env);
  const base = configuredBase !== undefined ? expandHome(configuredBase, env) : undefined;
  const entries = Object.entries(config.agents?.entries ?? {});
  const roster = entries.length > 0 ? entries : ([['main', {}]] as const);
  const multiAgent = roster.length > 1;

  const defaultModel = modelOf(defaults?.model);
  const systemAgentId = defaults?.systemAgent?.agentId?.toLowerCase();
  const markedDefault = roster.find(([, entry]) => 'default' in entry && entry.default === true)?.[0].toLowerCase();
  const ids = roster.map(([id]) => id.toLowerCase());
  const defaultAgentId =
    markedDefault ??
    (systemAgentId !== undefined && ids.includes(systemAgentId) ? systemAgentId : undefined) ??
    (ids.length === 1 ? (ids[0] ?? null) : null);

  const agents = roster.map(([rawId, entry]): RosterAgent => {
    const id = rawId.toLowerCase();
    const fallbackWorkspace = multiAgent
      ? base !== undefined ? path.join(base, id) : path.join(stateDir, `workspace-${id}`)
      : (base ?? path.join(stateDir, 'workspace'));
    const workspace = 'workspace' in entry && entry.workspace ? expandHome(entry.workspace, env) : fallbackWorkspace;
    const model = 'model' in entry && entry.model !== undefined ? modelOf(entry.model) : defaultModel;
    const agent: RosterAgent = { id, workspace, isDefault: id === defaultAgentId };
    if ('name' in entry && entry.name !== undefined) agent.name = entry.name;
    if ('identity' in entry && entry.identity !== undefined) agent.identity = { ...entry.identity };
    if (model !== undefined) agent.model = model;
    return agent;
  });

  return { defaultAgentId, mainKey: 'main', scope: config.session?.scope ?? 'per-sender', agents };
}
