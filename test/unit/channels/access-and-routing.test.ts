import { describe, expect, it } from 'vitest';
import { decideAccess, type AccessPolicy } from '../../../gateway/features/channels/access-policy.js';
import { resolveRoute, type RouteRequest, type RouteSettings } from '../../../gateway/features/channels/route-resolution.js';

const policy = (overrides: Partial<AccessPolicy> = {}): AccessPolicy => ({ dmPolicy: 'pairing', allowFrom: [], groupPolicy: 'allowlist', groupAllowFrom: undefined, requireMention: true, ...overrides });
const dm = { chatKind: 'dm' as const, chatId: '5', senderId: '5', mentioned: false };
const group = { chatKind: 'group' as const, chatId: '-100', senderId: '5', mentioned: false };
const nobody = () => false;

describe('decideAccess', () => {
  it('applies each dmPolicy', () => {
    expect(decideAccess(policy(), dm, nobody).kind).toBe('pair');
    expect(decideAccess(policy(), dm, () => true).kind).toBe('allow');
    expect(decideAccess(policy({ allowFrom: ['5'] }), dm, nobody).kind).toBe('allow');
    expect(decideAccess(policy({ dmPolicy: 'allowlist' }), dm, nobody).kind).toBe('drop');
    expect(decideAccess(policy({ dmPolicy: 'open' }), dm, nobody).kind).toBe('drop');
    expect(decideAccess(policy({ dmPolicy: 'open', allowFrom: ['*'] }), dm, nobody).kind).toBe('allow');
    expect(decideAccess(policy({ dmPolicy: 'disabled', allowFrom: ['5'] }), dm, nobody).kind).toBe('drop');
  });

  it('answers in groups only when allowed and mentioned', () => {
    expect(decideAccess(policy({ groupPolicy: 'open' }), group, nobody).kind).toBe('drop');
    expect(decideAccess(policy({ groupPolicy: 'open' }), { ...group, mentioned: true }, nobody).kind).toBe('allow');
    expect(decideAccess(policy({ groupPolicy: 'open', requireMention: false }), group, nobody).kind).toBe('allow');
    expect(decideAccess(policy(), { ...group, mentioned: true }, nobody).kind).toBe('drop');
    expect(decideAccess(policy({ groupAllowFrom: ['-100'] }), { ...group, mentioned: true }, nobody).kind).toBe('allow');
    expect(decideAccess(policy({ groupPolicy: 'disabled', groupAllowFrom: ['5'] }), { ...group, mentioned: true }, nobody).kind).toBe('drop');
  });
});

describe('resolveRoute', () => {
  const request: RouteRequest = { channel: 'telegram', accountId: 'default', defaultAccountId: 'default', peer: { kind: 'dm', id: '5' } };
  const settings = (bindings: unknown[], overrides: Partial<RouteSettings> = {}): RouteSettings => ({
    bindings,
    defaultAgentId: 'main',
    knownAgentIds: ['main', 'home', 'ops', 'work'],
    dmScope: 'main',
    groupScope: 'per-group',
    ...overrides,
  });

  it('prefers peer, then account, then channel bindings, then the default agent', () => {
    const bindings = [
      { agentId: 'ops', match: { channel: 'telegram' } },
      { agentId: 'work', match: { channel: 'telegram', accountId: 'default' } },
      { agentId: 'home', match: { channel: 'telegram', peer: { kind: 'dm', id: '5' } } },
    ];
    expect(resolveRoute(request, settings(bindings))?.agentId).toBe('home');
    expect(resolveRoute({ ...request, peer: { kind: 'dm', id: '6' } }, settings(bindings))).toMatchObject({ agentId: 'work', matchedBy: 'account' });
    expect(resolveRoute({ ...request, peer: { kind: 'dm', id: '6' } }, settings(bindings.slice(0, 1)))).toMatchObject({ agentId: 'ops', matchedBy: 'channel' });
    expect(resolveRoute(request, settings([{ agentId: 'ops', match: { channel: 'discord' } }]))).toMatchObject({ agentId: 'main', matchedBy: 'default' });
    expect(resolveRoute(request, settings([], { defaultAgentId: null }))).toBeUndefined();
  });

  it('ignores bindings to unknown agents and a binding without accountId on another account', () => {
    expect(resolveRoute(request, settings([{ agentId: 'ghost', match: { channel: 'telegram' } }]))?.agentId).toBe('main');
    expect(resolveRoute({ ...request, accountId: 'work' }, settings([{ agentId: 'ops', match: { channel: 'telegram' } }]))?.agentId).toBe('main');
  });

  it('builds session keys from dmScope and groupScope', () => {
    expect(resolveRoute(request, settings([]))?.sessionKey).toBe('agent:main:main');
    expect(resolveRoute(request, settings([], { dmScope: 'per-peer' }))?.sessionKey).toBe('agent:main:direct:5');
    expect(resolveRoute(request, settings([], { dmScope: 'per-channel-peer' }))?.sessionKey).toBe('agent:main:telegram:direct:5');
    expect(resolveRoute(request, settings([], { dmScope: 'per-account-channel-peer' }))?.sessionKey).toBe('agent:main:telegram:default:direct:5');
    expect(resolveRoute({ ...request, peer: { kind: 'group', id: '-100' } }, settings([]))?.sessionKey).toBe('agent:main:telegram:group:-100');
    expect(resolveRoute({ ...request, peer: { kind: 'group', id: '-100' } }, settings([], { groupScope: 'main' }))?.sessionKey).toBe('agent:main:main');
  });
});
