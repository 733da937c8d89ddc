/**
 * Typed `webContents.send` for the contract's events: the channel decides the payload type.
 * `broadcastEvent` sends an event only to the windows whose kind listens to it
 * (shared/ipc/window-channels.ts): a window never receives data its views do not show.
 */
import type { EventChannel, EventPayload } from '../../shared/ipc/contract.js';
import { windowHearsEvent } from '../../shared/ipc/window-channels.js';
import type { WindowKind } from '../../shared/ipc/window-kinds.js';

export interface EventTargetPort {
  send(channel: string, ...args: unknown[]): void;
}

export function sendEvent<E extends EventChannel>(target: EventTargetPort, channel: E, payload: EventPayload<E>): void {
  target.send(channel, payload);
}

/** An open window, as far as events go: its kind and its web contents. */
export interface EventRecipient {
  kind: WindowKind;
  target: EventTargetPort;
}

export function broadcastEvent<E extends EventChannel>(recipients: Iterable<EventRecipient>, channel: E, payload: EventPayload<E>): void {
  for (const { kind, target } of recipients) {
    if (windowHearsEvent(kind, channel)) sendEvent(target, channel, payload);
  }
}
