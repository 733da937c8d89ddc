import { invalidRequest } from '../../shared/protocol/error-codes.js';

export interface SessionAddress {
  sessionKey: string;
  agentId: string;
}

const AGENT_ID = /^[a-z0-9_][a-z0-9_-]{0,63}$/;
const MAX_KEY_LENGTH = 500;

/**
 * Spec §15.1: clients may send `main` or any short key; the gateway canonicalises it to
 * `agent:<agentId>:<key>`. A key already in canonical form names its own agent.
 */
export function canonicalSessionKey(key: string, fallbackAgentId: string): SessionAddress {
  const trimmed = key.trim();
  if (trimmed === '' || trimmed.length > MAX_KEY_LENGTH || [...trimmed].some((char) => char.charCodeAt(0) < 0x20)) {
    throw invalidRequest(`invalid session key: ${JSON.stringify(key.slice(0, 80))}`);
  }
  if (trimmed.startsWith('agent:')) {
    const [, agentId = '', ...rest] = trimmed.split(':');
    const suffix = rest.join(':');
    if (!AGENT_ID.test(agentId.toLowerCase()) || suffix === '') {
      throw invalidRequest(`invalid session key: ${trimmed} (expected agent:<agentId>:<key>)`);
    }
    return { sessionKey: `agent:${agentId.toLowerCase()}:${suffix}`, agentId: agentId.toLowerCase() };
  }
  return { sessionKey: `agent:${fallbackAgentId}:${trimmed}`, agentId: fallbackAgentId };
}

export function isMainSessionKey(sessionKey: string): boolean {
  return sessionKey.split(':').slice(2).join(':') === 'main';
}
