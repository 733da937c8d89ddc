/**
 * Typed `webContents.send` for the contract's events: the channel decides the payload type.
 */
import type { EventChannel, EventPayload } from '../../shared/ipc/contract.js';

export interface EventTargetPort {
  send(channel: string, ...args: unknown[]): void;
}

export function sendEvent<E extends EventChannel>(target: EventTargetPort, channel: E, payload: EventPayload<E>): void {
  target.send(channel, payload);
}
