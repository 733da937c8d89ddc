import type { ChatKind } from './channel-plugin.js';

// Inbound routing (research note §3, OpenClaw src/routing/resolve-route.ts): `bindings` choose the
// agent — peer, guild, team, account, channel, then the default agent — and session.dmScope /
// groupScope (config.md §4.5) choose the session key.

export type DmScope = 'main' | 'per-peer' | 'per-channel-peer' | 'per-account-channel-peer';
export type GroupScope = 'per-group' | 'main';

export interface RouteRequest {
  readonly channel: string;
  readonly accountId: string;
  /** The account a binding without `accountId` means. */
  readonly defaultAccountId: string;
  readonly peer: { readonly kind: ChatKind; readonly id: string };
  readonly guildId?: string;
  readonly teamId?: string;
}

export interface RouteSettings {
  readonly bindings: readonly unknown[];
  readonly defaultAgentId: string | null;
  readonly knownAgentIds: readonly string[];
  readonly dmScope: DmScope;
  readonly groupScope: GroupScope;
}

export interface ResolvedRoute {
  readonly agentId: string;
  readonly sessionKey: string;
  /** The agent's main session (where "last" delivery is recorded). */
  readonly mainSessionKey: string;
  readonly matchedBy: 'peer' | 'guild' | 'team' | 'account' | 'channel' | 'default';
}

interface Binding {
  agentId: string;
  channel: string;
  accountId?: string;
  peer?: { kind?: string; id: string };
  guildId?: string;
  teamId?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : undefined;
}

/** `{agentId, match: {channel, accountId?, peer?: {kind, id}, guildId?, teamId?}}`; anything else is skipped. */
function parseBinding(value: unknown): Binding | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const match = (typeof record.match === 'object' && record.match !== null ? record.match : {}) as Record<string, unknown>;
  const agentId = text(record.agentId)?.toLowerCase();
  const channel = text(match.channel)?.toLowerCase();
  if (!agentId || !channel) return undefined;
  const peerRecord = typeof match.peer === 'object' && match.peer !== null ? (match.peer as Record<string, unknown>) : undefined;
  const peerId = text(peerRecord?.id);
  const accountId = text(match.accountId);
  const guildId = text(match.guildId);
  const teamId = text(match.teamId);
  const peerKind = text(peerRecord?.kind);
  return {
    agentId,
    channel,
    ...(accountId ? { accountId } : {}),
    ...(peerId ? { peer: { id: peerId, ...(peerKind ? { kind: peerKind === 'direct' ? 'dm' : peerKind } : {}) } } : {}),
    ...(guildId ? { guildId } : {}),
    ...(teamId ? { teamId } : {}),
  };
}

function accountMatches(binding: Binding, request: RouteRequest): boolean {
  if (binding.accountId === undefined) return request.accountId === request.defaultAccountId;
  return binding.accountId === '*' || binding.accountId === request.accountId;
}

export function sessionKeyFor(agentId: string, request: RouteRequest, settings: Pick<RouteSettings, 'dmScope' | 'groupScope'>): string {
  const { channel, accountId, peer } = request;
  if (peer.kind === 'dm') {
    switch (settings.dmScope) {
      case 'main':
        return `agent:${agentId}:main`;
      case 'per-peer':
        return `agent:${agentId}:direct:${peer.id}`;
      case 'per-channel-peer':
        return `agent:${agentId}:${channel}:direct:${peer.id}`;
      case 'per-account-channel-peer':
        return `agent:${agentId}:${channel}:${accountId}:direct:${peer.id}`;
    }
  }
  if (settings.groupScope === 'main') return `agent:${agentId}:main`;
  return `agent:${agentId}:${channel}:${peer.kind === 'channel' ? 'channel' : 'group'}:${peer.id}`;
}

/** The route of one inbound message, or undefined when no binding matches and there is no default agent. */
export function resolveRoute(request: RouteRequest, settings: RouteSettings): ResolvedRoute | undefined {
  const candidates = settings.bindings
    .map(parseBinding)
    .filter((binding): binding is Binding => binding !== undefined && settings.knownAgentIds.includes(binding.agentId))
    .filter((binding) => binding.channel === request.channel && accountMatches(binding, request));
  const plain = (binding: Binding) => !binding.peer && !binding.guildId && !binding.teamId;
  const tiers: [ResolvedRoute['matchedBy'], (binding: Binding) => boolean][] = [
    ['peer', (b) => b.peer !== undefined && b.peer.id === request.peer.id && (b.peer.kind === undefined || b.peer.kind === request.peer.kind)],
    ['guild', (b) => !b.peer && b.guildId !== undefined && b.guildId === request.guildId],
    ['team', (b) => !b.peer && b.teamId !== undefined && b.teamId === request.teamId],
    ['account', (b) => plain(b) && b.accountId !== undefined && b.accountId !== '*'],
    ['channel', (b) => plain(b) && (b.accountId === undefined || b.accountId === '*')],
  ];
  for (const [matchedBy, matches] of tiers) {
    const binding = candidates.find(matches);
    if (binding) return routeOf(binding.agentId, matchedBy, request, settings);
  }
  if (!settings.defaultAgentId) return undefined;
  return routeOf(settings.defaultAgentId, 'default', request, settings);
}

function routeOf(agentId: string, matchedBy: ResolvedRoute['matchedBy'], request: RouteRequest, settings: RouteSettings): ResolvedRoute {
  return { agentId, matchedBy, sessionKey: sessionKeyFor(agentId, request, settings), mainSessionKey: `agent:${agentId}:main` };
}
