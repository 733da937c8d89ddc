/**
 * What the Channels section shows for one account: the state's tone, the one-line explanation,
 * and which buttons make sense. Pure, so tests cover it without a DOM.
 */
import type { ChannelAccountView, ChannelsView } from '../../shared/ipc/contract.js';
import { channelStrings, type HealthText } from '../channel-strings.js';

export type HealthTone = 'ok' | 'busy' | 'warning' | 'error' | 'idle';

export interface AccountPresentation extends HealthText {
  tone: HealthTone;
  canStart: boolean;
  canStop: boolean;
  canLogout: boolean;
}

const TONES: Record<ChannelAccountView['health'], HealthTone> = {
  connected: 'ok',
  connecting: 'busy',
  backoff: 'warning',
  'rate-limited': 'warning',
  stopped: 'idle',
  'logged-out': 'idle',
  disabled: 'idle',
  'not-configured': 'idle',
  unauthorized: 'error',
  error: 'error',
  unknown: 'warning',
};

export function presentAccount(account: ChannelAccountView, actions: ChannelsView['actions']): AccountPresentation {
  const text = channelStrings.health[account.health];
  const label = account.health === 'unknown' && account.healthLabel ? account.healthLabel : text.label;
  const usable = account.enabled && account.token === 'set';
  return {
    label,
    explain: text.explain,
    tone: TONES[account.health],
    canStart: actions.start && usable && !account.running,
    canStop: actions.stop && account.running,
    canLogout: actions.logout && account.token === 'set' && account.health !== 'logged-out',
  };
}

export type TokenProblem = 'tooShort' | 'spaces';

/** Checks a pasted token before it is sent (main checks it again). */
export function checkToken(value: string): { ok: true; token: string } | { ok: false; problem: TokenProblem } {
  const token = value.trim();
  if (/\s/.test(token)) return { ok: false, problem: 'spaces' };
  if (token.length < 20) return { ok: false, problem: 'tooShort' };
  return { ok: true, token };
}

/** A past instant as "3 minutes ago" parts for Intl.RelativeTimeFormat, or undefined for never. */
export function lastSeen(ms: number | null): number | undefined {
  return ms === null || ms <= 0 ? undefined : ms;
}
