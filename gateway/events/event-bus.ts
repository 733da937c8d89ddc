import { DROP_IF_SLOW_EVENTS, eventVisibleTo } from '../../shared/protocol/events.js';
import type { StateVersion } from '../../shared/protocol/frames.js';

/** What the bus needs from a connection: who it is and a way to hand it a pre-serialised event. */
export interface EventRecipient {
  readonly connId: string;
  readonly role: string;
  readonly scopes: readonly string[];
  deliverBroadcast(event: string, payloadJson: string, stateVersionJson: string | undefined, dropIfSlow: boolean): void;
}

export interface RecipientSource {
  recipients(): Iterable<EventRecipient>;
}

/**
 * Broadcasts events to every authenticated connection allowed to see them (spec §7.5).
 * The payload is serialised once per broadcast, not once per recipient: fan-out to hundreds of
 * clients then costs one string concatenation each.
 */
export class EventBus {
  private readonly listeners = new Set<(event: string, payload: unknown) => void>();

  constructor(private readonly source: RecipientSource) {}

  broadcast(event: string, payload: unknown, stateVersion?: StateVersion): number {
    const payloadJson = JSON.stringify(payload ?? null);
    const stateVersionJson = stateVersion ? JSON.stringify(stateVersion) : undefined;
    const dropIfSlow = DROP_IF_SLOW_EVENTS.has(event);
    let delivered = 0;
    for (const recipient of this.source.recipients()) {
      if (!eventVisibleTo(event, recipient.role, recipient.scopes)) continue;
      recipient.deliverBroadcast(event, payloadJson, stateVersionJson, dropIfSlow);
      delivered += 1;
    }
    for (const listener of this.listeners) listener(event, payload);
    return delivered;
  }

  /**
   * For the token stream, whose payloads the caller serialises itself: `serialise` runs only when
   * someone can receive the event, so a run nobody watches builds no JSON; in-process listeners
   * get the parsed payload.
   */
  broadcastSerialised(event: string, serialise: () => string): number {
    let payloadJson: string | undefined;
    const dropIfSlow = DROP_IF_SLOW_EVENTS.has(event);
    let delivered = 0;
    for (const recipient of this.source.recipients()) {
      if (!eventVisibleTo(event, recipient.role, recipient.scopes)) continue;
      payloadJson ??= serialise();
      recipient.deliverBroadcast(event, payloadJson, undefined, dropIfSlow);
      delivered += 1;
    }
    if (this.listeners.size > 0) {
      const payload: unknown = JSON.parse(payloadJson ?? serialise());
      for (const listener of this.listeners) listener(event, payload);
    }
    return delivered;
  }

  /** In-process observers (the runtime, tests); they see every event regardless of scope. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
