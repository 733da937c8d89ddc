import type { GatehouseConfig } from '../../core/config/index.js';
import type { Ask, ApprovalsDocument, Security } from './approvals-document.js';

export interface ExecPolicy {
  security: Security;
  ask: Ask;
  askFallback: Security;
  autoAllowSkills: boolean;
}

const SECURITY_ORDER: Record<Security, number> = { full: 0, allowlist: 1, deny: 2 };
const ASK_ORDER: Record<Ask, number> = { off: 0, 'on-miss': 1, always: 2 };

function stricterSecurity(a: Security | undefined, b: Security | undefined): Security | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return SECURITY_ORDER[a] >= SECURITY_ORDER[b] ? a : b;
}

function stricterAsk(a: Ask | undefined, b: Ask | undefined): Ask | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return ASK_ORDER[a] >= ASK_ORDER[b] ? a : b;
}

type ExecConfig = { mode?: string; security?: string; ask?: string };

/** config.md §5.1: `tools.exec.mode` (or legacy security/ask) → the requested policy. */
function requestedByConfig(exec: ExecConfig | undefined): { security?: Security; ask?: Ask } {
  if (!exec) return {};
  switch (exec.mode) {
    case 'deny':
      return { security: 'deny', ask: 'off' };
    case 'allowlist':
      return { security: 'allowlist', ask: 'off' };
    case 'ask':
    case 'auto':
      return { security: 'allowlist', ask: 'on-miss' };
    case 'full':
      return { security: 'full', ask: 'off' };
    default:
      return {
        ...(exec.security ? { security: exec.security as Security } : {}),
        ...(exec.ask ? { ask: exec.ask as Ask } : {}),
      };
  }
}

/** Effective policy = the stricter of config and the approvals document, field by field. */
export function effectivePolicy(config: GatehouseConfig, document: ApprovalsDocument, agentId: string): ExecPolicy {
  const entries = (config.agents?.entries ?? {}) as Record<string, { tools?: { exec?: ExecConfig } }>;
  const agentExec = Object.entries(entries).find(([id]) => id.toLowerCase() === agentId)?.[1]?.tools?.exec;
  const configured = requestedByConfig(agentExec ?? (config.tools?.exec as ExecConfig | undefined));
  const defaults = document.defaults ?? {};
  const agent = document.agents?.[agentId] ?? {};
  const documentSecurity = agent.security ?? defaults.security;
  const documentAsk = agent.ask ?? defaults.ask;
  return {
    security: stricterSecurity(configured.security, documentSecurity) ?? 'full',
    ask: stricterAsk(configured.ask, documentAsk) ?? 'off',
    askFallback: agent.askFallback ?? defaults.askFallback ?? 'deny',
    autoAllowSkills: agent.autoAllowSkills ?? defaults.autoAllowSkills ?? false,
  };
}
