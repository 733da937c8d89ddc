/**
 * A gateway event as the operator snapshot sees it: checked against its protocol schema, folded
 * into the snapshot, and handed back typed for listeners. The tray's operator connection and the
 * browser's session route events through this one function.
 */
import { operatorEventSchemas, type OperatorEventName, type OperatorEventPayload } from './operator-schemas.js';
import type { OperatorSnapshotStore } from './operator-snapshot.js';

export type CheckedOperatorEvent = { [E in OperatorEventName]: { name: E; payload: OperatorEventPayload<E> } }[OperatorEventName];

/**
 * Undefined for events the snapshot does not act on, and for payloads that fail their schema
 * (reported through `dropped`, never applied).
 */
export function applyOperatorEvent(store: OperatorSnapshotStore, event: string, payload: unknown, dropped?: (message: string) => void): CheckedOperatorEvent | undefined {
  if (!Object.hasOwn(operatorEventSchemas, event)) return undefined;
  const name = event as OperatorEventName;
  const schema = operatorEventSchemas[name];
  if (!schema.check(payload)) {
    dropped?.(`dropped a ${name} event: ${schema.firstError(payload)}`);
    return undefined;
  }
  const checked = { name, payload } as CheckedOperatorEvent;
  store.applyEvent(checked.name, checked.payload);
  return checked;
}

/** A device approved elsewhere moves to the paired list, which only the gateway knows in full: reload then. */
export function needsSnapshotReload(event: CheckedOperatorEvent): boolean {
  return event.name === 'device.pair.resolved';
}
