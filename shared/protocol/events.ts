import { scopeSatisfied, OPERATOR_SCOPES } from './scopes.js';

/**
 * Every event this gateway publishes, and so exactly what hello-ok's `features.events` lists
 * ("event names this gateway may emit", spec §4.6). Spec §14's sample list also names
 * `talk.mode`, `heartbeat`, `cron` and `voicewake.changed`; they join here in the change that
 * gives them a publisher, not before: a client that sees a name here may wait for it. The bus and
 * the node channel accept only these names, and test/unit/protocol/advertised-events.test.ts
 * checks that every one of them has a publisher in gateway/.
 */
export const GATEWAY_EVENTS = [
  'connect.challenge',
  'agent',
  'chat',
  'presence',
  'tick',
  'shutdown',
  'health',
  'heartbeat',
  'cron',
  'config.changed',
  'node.pair.requested',
  'node.pair.resolved',
  'node.presence',
  'node.invoke.request',
  'node.invoke.cancel',
  'device.pair.requested',
  'device.pair.resolved',
  'exec.approval.requested',
  'exec.approval.resolved',
  'channels.pairing.requested',
  'channels.pairing.resolved',
  'talk.mode',
  'voicewake.changed',
] as const;

export type GatewayEventName = (typeof GATEWAY_EVENTS)[number];

/** Events a slow client may miss (its seq still advances): spec §1.2. */
export const DROP_IF_SLOW_EVENTS: ReadonlySet<string> = new Set([
  'presence',
  'heartbeat',
  'talk.mode',
  'voicewake.changed',
  'exec.approval.requested',
  'exec.approval.resolved',
  'device.pair.requested',
  'device.pair.resolved',
  'node.pair.requested',
  'node.pair.resolved',
  'node.presence',
  'channels.pairing.requested',
  'channels.pairing.resolved',
]);

type Audience = { kind: 'everyone' } | { kind: 'operators'; scope: string };

// Spec §7.5. Anything not listed reaches nobody (fail closed).
const EVENT_AUDIENCE: Readonly<Record<string, Audience>> = {
  tick: { kind: 'everyone' },
  health: { kind: 'everyone' },
  heartbeat: { kind: 'everyone' },
  shutdown: { kind: 'everyone' },
  agent: { kind: 'operators', scope: OPERATOR_SCOPES.read },
  chat: { kind: 'operators', scope: OPERATOR_SCOPES.read },
  presence: { kind: 'operators', scope: OPERATOR_SCOPES.read },
  cron: { kind: 'operators', scope: OPERATOR_SCOPES.read },
  'voicewake.changed': { kind: 'operators', scope: OPERATOR_SCOPES.read },
  'config.changed': { kind: 'operators', scope: OPERATOR_SCOPES.read },
  'node.presence': { kind: 'operators', scope: OPERATOR_SCOPES.read },
  'talk.mode': { kind: 'operators', scope: OPERATOR_SCOPES.read },
  'exec.approval.requested': { kind: 'operators', scope: OPERATOR_SCOPES.approvals },
  'exec.approval.resolved': { kind: 'operators', scope: OPERATOR_SCOPES.approvals },
  'device.pair.requested': { kind: 'operators', scope: OPERATOR_SCOPES.pairing },
  'device.pair.resolved': { kind: 'operators', scope: OPERATOR_SCOPES.pairing },
  'node.pair.requested': { kind: 'operators', scope: OPERATOR_SCOPES.pairing },
  'node.pair.resolved': { kind: 'operators', scope: OPERATOR_SCOPES.pairing },
  'channels.pairing.requested': { kind: 'operators', scope: OPERATOR_SCOPES.pairing },
  'channels.pairing.resolved': { kind: 'operators', scope: OPERATOR_SCOPES.pairing },
};

export function eventVisibleTo(event: string, role: string, scopes: readonly string[]): boolean {
  const audience = EVENT_AUDIENCE[event];
  if (!audience) return false;
  if (audience.kind === 'everyone') return true;
  return role === 'operator' && scopeSatisfied(audience.scope, scopes);
}
