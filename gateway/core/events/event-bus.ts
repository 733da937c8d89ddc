import { DROP_IF_SLOW_EVENTS, eventVisibleTo, type GatewayEventName } from '../../../shared/protocol/events.js';
import type { EventPayload } from '../../../shared/protocol/event-payloads.js';
import type { StateVersion } from '../../../shared/protocol/frames.js';

/**
 * One broadcast, serialised once for all its recipients: every recipient's frame starts with
 * `head` (`{"type":"event","event":…,"payload":…`) and adds only its own `seq` and the state version.
 */
export class BroadcastFrame {
  #headBytes: Buffer | undefined;

  constructor(
    readonly head: string,
    readonly stateVersionJson: string | undefined,
    readonly dropIfSlow: boolean,
  ) {}

  /** The head encoded once, for recipients that send it as it is (large frames, see Connection). */
  get headBytes(): Buffer {
    this.#headBytes ??= Buffer.from(this.head);
    return this.#headBytes;
  }
}

/** What the bus needs from a connection: who it is and a way to hand it a pre-serialised event. */
export interface EventRecipient {
  readonly connId: string;
  readonly role: string;
  readonly scopes: readonly string[];
  deliverBroadcast(frame: BroadcastFrame): void;
}

function frameHead(event: string, payloadJson: string): string {
  return `{"type":"event","event":${JSON.stringify(event)},"payload":${payloadJson}`;
}

export interface RecipientSource {
  recipients(): Iterable<EventRecipient>;
}

/**
 * Broadcasts events to every authenticated connection allowed to see them (spec §7.5).
 * The frame is serialised and encoded once per broadcast, not once per recipient (BroadcastFrame).
 */
export class EventBus {
  constructor(private readonly source: RecipientSource) {}

  /** Publishes `event`; its payload must have the shape shared/protocol/event-payloads.ts gives it. */
  broadcast<E extends GatewayEventName>(event: E, payload: EventPayload<E>, stateVersion?: StateVersion): number {
    let frame: BroadcastFrame | undefined;
    let delivered = 0;
    for (const recipient of this.source.recipients()) {
      if (!eventVisibleTo(event, recipient.role, recipient.scopes)) continue;
      frame ??= new BroadcastFrame(
        frameHead(event, JSON.stringify(payload ?? null)),
        stateVersion ? JSON.stringify(stateVersion) : undefined,
        DROP_IF_SLOW_EVENTS.has(event),
      );
      recipient.deliverBroadcast(frame);
      delivered += 1;
    }
    return delivered;
  }

  /**
   * For the token stream, whose payloads the caller serialises itself: `serialise` runs only when
   * someone can receive the event, so a run nobody watches builds no JSON.
   */
  broadcastSerialised(event: GatewayEventName, serialise: () => string): number {
    let payloadJson: string | undefined;
    let frame: BroadcastFrame | undefined;
    let delivered = 0;
    for (const recipient of this.source.recipients()) {
      if (!eventVisibleTo(event, recipient.role, recipient.scopes)) continue;
      payloadJson ??= serialise();
      frame ??= new BroadcastFrame(frameHead(event, payloadJson), undefined, DROP_IF_SLOW_EVENTS.has(event));
      recipient.deliverBroadcast(frame);
      delivered += 1;
    }
    return delivered;
  }
}
