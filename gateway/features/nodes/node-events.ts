import type { GatewayEventName } from '../../../shared/protocol/events.js';
import type { EventPayload } from '../../../shared/protocol/event-payloads.js';
import type { SystemEventsRepository } from '../../agent/store/system-events-repository.js';

/** `node.event` names a node may send (spec §17.3). */
const KNOWN_NODE_EVENTS: ReadonlySet<string> = new Set([
  'voice.transcript',
  'agent.request',
  'chat.subscribe',
  'chat.unsubscribe',
  'exec.started',
  'exec.finished',
  'exec.denied',
  'notifications.changed',
  'push.apns.register',
  'node.presence.alive',
  'node.host.stats',
  'node.desktop.availability',
]);

const OUTPUT_TAIL_CHARS = 2_000;
const COMMAND_CHARS = 1_000;

export interface NodeEventOutcome {
  handled: boolean;
  reason?: string;
}

export interface NodeEventDeps {
  systemEvents: SystemEventsRepository;
  /** A node said it is alive: refresh its presence row and last-seen time. */
  markAlive(nodeId: string, at: number): void;
  /** Broadcasts through the event bus (which applies the audience table). */
  broadcast<E extends GatewayEventName>(event: E, payload: EventPayload<E>): void;
  log(level: 'debug' | 'info', fields: Record<string, unknown>, message: string): void;
  now(): number;
}

function field(payload: Record<string, unknown>, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function execText(event: string, node: string, payload: Record<string, unknown>): string | undefined {
  const reported = field(payload, 'command') ?? '(command not reported)';
  const command = reported.length > COMMAND_CHARS ? `${reported.slice(0, COMMAND_CHARS)}…` : reported;
  if (event === 'exec.started') return `Exec started (node ${node}): ${command}`;
  if (event === 'exec.denied') return `Exec denied (node ${node}): ${command}${field(payload, 'reason') ? ` (${field(payload, 'reason')})` : ''}`;
  if (payload.suppressNotifyOnExit === true) return undefined;
  const exit = typeof payload.exitCode === 'number' ? `exit ${payload.exitCode}` : 'exit unknown';
  const timedOut = payload.timedOut === true ? ', timed out' : '';
  const output = field(payload, 'output');
  const tail = output ? `\n${output.length > OUTPUT_TAIL_CHARS ? `…${output.slice(-OUTPUT_TAIL_CHARS)}` : output}` : '';
  return `Exec finished (node ${node}, ${exit}${timedOut}): ${command}${tail}`;
}

/**
 * What the gateway does with node-originated events: exec lifecycle reports become system
 * events for the session's next agent turn, `node.presence.alive` refreshes presence and is
 * re-broadcast as `node.presence` (operator.read). The rest are accepted and logged.
 */
export interface NodeEventSource {
  nodeId: string;
  /** How system events name the node. */
  nodeName: string;
  /** Only a node that may run system.run can report exec lifecycle events into agent sessions. */
  mayRunCommands: boolean;
}

export function handleNodeEvent(deps: NodeEventDeps, source: NodeEventSource, event: string, payload: unknown): NodeEventOutcome {
  const { nodeId, nodeName } = source;
  const body = typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
  const now = deps.now();
  if (event === 'node.presence.alive') {
    deps.markAlive(nodeId, now);
    const trigger = field(body, 'trigger');
    deps.broadcast('node.presence', { nodeId, ts: now, ...(trigger ? { trigger } : {}) });
    return { handled: true };
  }
  if (event === 'exec.started' || event === 'exec.finished' || event === 'exec.denied') {
    deps.log('info', { nodeId, event, sessionKey: field(body, 'sessionKey'), runId: field(body, 'runId') }, 'node exec event');
    if (!source.mayRunCommands) return { handled: false, reason: 'system.run is not approved for this node' };
    const text = execText(event, nodeName, body);
    if (text === undefined) return { handled: true, reason: 'suppressNotifyOnExit' };
    deps.systemEvents.enqueue({ ts: now, text, sessionKey: field(body, 'sessionKey'), source: `node:${nodeId}` });
    return { handled: true };
  }
  if (KNOWN_NODE_EVENTS.has(event)) {
    deps.log('debug', { nodeId, event }, 'node event not handled by this gateway');
    return { handled: false, reason: 'not supported by this gateway' };
  }
  deps.log('info', { nodeId, event }, 'unknown node event accepted');
  return { handled: false, reason: 'unknown event' };
}
