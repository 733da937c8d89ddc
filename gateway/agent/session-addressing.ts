import { invalidRequest } from '../../shared/protocol/error-codes.js';
import type { AgentRoster } from '../core/config/index.js';
import { canonicalSessionKey, type SessionAddress } from './session-keys.js';

/**
 * Why a request names a session: a `run` starts an agent turn, a `read` looks at (or edits) what
 * is stored. The difference matters only when several agents are configured and none is the
 * default: a run refuses rather than pick an agent for the user; a read uses the first agent, so
 * a client can still show something.
 */
export type AddressPurpose = 'run' | 'read';

/** The agent a request means: the one it names, else the default (for reads: else the first). */
export function impliedAgentId(roster: Pick<AgentRoster, 'defaultAgentId' | 'agents'>, named: string | undefined, purpose: AddressPurpose): string | undefined {
  if (named !== undefined) return named.toLowerCase();
  return roster.defaultAgentId ?? (purpose === 'read' ? roster.agents[0]?.id : undefined);
}

/** The canonical address of a client's session key (spec §15.1), or the error that explains why there is none. */
export function addressSession(
  roster: Pick<AgentRoster, 'defaultAgentId' | 'agents'>,
  key: string,
  agentId: string | undefined,
  purpose: AddressPurpose,
): SessionAddress {
  const fallback = impliedAgentId(roster, agentId, purpose);
  if (!fallback) throw invalidRequest('no default agent: name agentId (see agents.entries in the config)');
  return canonicalSessionKey(key, fallback);
}
