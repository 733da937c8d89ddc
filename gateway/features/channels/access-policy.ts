import type { ChatKind } from './channel-plugin.js';

// The access gates of config.md §8 and research note §3 ("DM policy"), as pure functions.

export type DmPolicy = 'pairing' | 'allowlist' | 'open' | 'disabled';
export type GroupPolicy = 'allowlist' | 'open' | 'disabled';

export interface AccessPolicy {
  readonly dmPolicy: DmPolicy;
  /** Normalised sender ids (see normaliseSenderId); `*` = anyone. */
  readonly allowFrom: readonly string[];
  readonly groupPolicy: GroupPolicy;
  /** Senders (or group chat ids) allowed in groups; unset → allowFrom and approved senders. */
  readonly groupAllowFrom: readonly string[] | undefined;
  /** In groups, answer only when the bot is mentioned or replied to (default true). */
  readonly requireMention: boolean;
  /**
   * Per-chat rules keyed by chat id, or by a server id (Discord guild) for all of its chats; the
   * chat's own rule wins. Listing a chat admits it under groupPolicy `allowlist`.
   */
  readonly groupRules?: Readonly<Record<string, GroupRule>>;
}

export interface GroupRule {
  /** false: never answer there, whatever the policy. */
  readonly allow: boolean;
  readonly requireMention?: boolean;
  /** Only these senders there (normalised ids); unset → anyone in that chat. */
  readonly users?: readonly string[];
}

export type AccessDecision =
  | { readonly kind: 'allow' }
  /** Unknown DM sender under `pairing`: answer with a pairing code. */
  | { readonly kind: 'pair' }
  | { readonly kind: 'drop'; readonly reason: string };

export interface AccessRequest {
  readonly chatKind: ChatKind;
  readonly chatId: string;
  readonly senderId: string;
  readonly mentioned: boolean;
  /** The server the chat belongs to (Discord guild), for server-wide group rules. */
  readonly guildId?: string;
}

/** `tg:123`, `telegram:123` and `123` are one sender (config.md §8). */
export function normaliseSenderId(value: string | number): string {
  return String(value).trim().replace(/^(tg|telegram|discord):/i, '');
}

export function normaliseSenderList(values: readonly (string | number)[] | undefined): string[] {
  return (values ?? []).map(normaliseSenderId).filter((value) => value.length > 0);
}

function listed(list: readonly string[], id: string): boolean {
  return list.includes('*') || list.includes(id);
}

/** Decides what happens to one inbound message; `approved` says whether pairing approved the sender. */
export function decideAccess(policy: AccessPolicy, request: AccessRequest, approved: (senderId: string) => boolean): AccessDecision {
  if (request.chatKind === 'dm') {
    switch (policy.dmPolicy) {
      case 'disabled':
        return { kind: 'drop', reason: 'dmPolicy is disabled' };
      case 'open':
        // config.md §8: `open` needs "*" in allowFrom; without it every DM is dropped (and config warns).
        return policy.allowFrom.includes('*') ? { kind: 'allow' } : { kind: 'drop', reason: 'dmPolicy open without "*" in allowFrom' };
      case 'allowlist':
        return listed(policy.allowFrom, request.senderId) || approved(request.senderId)
          ? { kind: 'allow' }
          : { kind: 'drop', reason: 'sender not in allowFrom' };
      case 'pairing':
        return listed(policy.allowFrom, request.senderId) || approved(request.senderId) ? { kind: 'allow' } : { kind: 'pair' };
    }
  }
  if (policy.groupPolicy === 'disabled') return { kind: 'drop', reason: 'groupPolicy is disabled' };
  const rule = policy.groupRules?.[request.chatId] ?? (request.guildId !== undefined ? policy.groupRules?.[request.guildId] : undefined);
  if (rule) {
    if (!rule.allow) return { kind: 'drop', reason: 'chat not allowed (group rules)' };
    if (rule.users && !listed(rule.users, request.senderId)) return { kind: 'drop', reason: 'sender not in the chat\'s users' };
    if ((rule.requireMention ?? policy.requireMention) && !request.mentioned) return { kind: 'drop', reason: 'not mentioned' };
    return { kind: 'allow' };
  }
  if (policy.groupPolicy === 'allowlist') {
    const allowed = policy.groupAllowFrom
      ? listed(policy.groupAllowFrom, request.senderId) || policy.groupAllowFrom.includes(request.chatId)
      : listed(policy.allowFrom, request.senderId) || approved(request.senderId);
    if (!allowed) return { kind: 'drop', reason: 'sender not allowed in groups (groupAllowFrom)' };
  }
  if (policy.requireMention && !request.mentioned) return { kind: 'drop', reason: 'not mentioned' };
  return { kind: 'allow' };
}
