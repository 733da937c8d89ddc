import type { ConfigRule, RuleReport } from './rule-report.js';

// config.md §4.2 (roster) and §5.1 (exec policy spelling).

export const checkAgentRoster: ConfigRule = (config, report) => {
  const agents = config.agents;
  const entries = agents?.entries;
  if (!agents || !entries) return;

  const byLowercase = new Map<string, string>();
  for (const id of Object.keys(entries)) {
    const other = byLowercase.get(id.toLowerCase());
    if (other !== undefined) {
      report.issue(`agents.entries.${id}`, `agent ids are case-insensitive: "${id}" and "${other}" are the same agent; rename one`);
    }
    byLowercase.set(id.toLowerCase(), id);
  }

  const ids = Object.keys(entries);
  const defaults = ids.filter((id) => entries[id]?.default === true);
  if (defaults.length > 1) {
    report.issue('agents.entries', `only one agent may have default: true (found ${defaults.join(', ')})`);
  }
  if (agents.ownership === 'explicit' && defaults.length > 0) {
    report.issue('agents.ownership', `"explicit" ownership and default: true (on ${defaults.join(', ')}) cannot be combined; use one or the other`);
  } else if (ids.length > 1 && agents.ownership !== 'explicit' && defaults.length !== 1) {
    report.issue('agents.entries', 'with more than one agent, set agents.ownership: "explicit" or mark exactly one entry default: true');
  }

  const systemAgentId = agents.defaults?.systemAgent?.agentId;
  if (systemAgentId !== undefined && !byLowercase.has(systemAgentId.toLowerCase())) {
    report.issue('agents.defaults.systemAgent.agentId', `names no agent in agents.entries ("${systemAgentId}")`);
  }
};

const SECURITY_ASK_TO_MODE: Record<string, string> = {
  'deny/off': 'deny',
  'allowlist/off': 'allowlist',
  'allowlist/on-miss': 'ask',
  'full/off': 'full',
};

function checkExecPolicy(exec: { mode?: string; security?: string; ask?: string } | undefined, path: string, report: RuleReport): void {
  if (!exec || exec.mode === undefined || (exec.security === undefined && exec.ask === undefined)) return;
  const equivalent = SECURITY_ASK_TO_MODE[`${exec.security ?? 'allowlist'}/${exec.ask ?? 'off'}`] ?? 'ask';
  const legacy = exec.security !== undefined ? 'security' : 'ask';
  report.issue(`${path}.${legacy}`, `cannot be combined with ${path}.mode; remove it (security/ask are legacy — the equivalent is mode: "${equivalent}")`);
}

export const checkExecPolicies: ConfigRule = (config, report) => {
  checkExecPolicy(config.tools?.exec, 'tools.exec', report);
  for (const [id, entry] of Object.entries(config.agents?.entries ?? {})) {
    checkExecPolicy(entry.tools?.exec, `agents.entries.${id}.tools.exec`, report);
  }
};
