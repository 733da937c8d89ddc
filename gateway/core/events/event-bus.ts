import { DROP_IF_SLOW_EVENTS, eventVisibleTo, type GatewayEventName } from '../../../shared/protocol/events.js';
import type { EventPayload } from '../../../shared/protocol/event-payloads.js';
import type { StateVersion } from '../../../shared/protocol/frames.js';

/** A piece of a frame: JSON text, or its UTF-8 bytes. */
export type FramePart = string | Uint8Array;

/** Strings from this length on are encoded once for all recipients, not by each one's socket write. */
const SHARED_ENCODING_CHARS = 16 * 1024;

/**
 * One broadcast, serialised once for all its recipients: every recipient's frame starts with the
 * head (`{"type":"event","event":…,"payload":…`) and adds only its own `seq` and the state version.
 * The head stays in the pieces it was built from, so that no frame joins them into a copy: a
 * token's reply so far is one piece (text-frame-writer.ts).
 */
export class BroadcastFrame {
  #head: string | undefined;
  #wireParts: readonly FramePart[] | undefined;
  #headByteLength: number | undefined;

  constructor(
    /** The head in pieces, in order. */
    readonly headParts: readonly FramePart[],
    readonly stateVersionJson: string | undefined,
    readonly dropIfSlow: boolean,
  ) {}

  /** The head as one string. */
  get head(): string {
    this.#head ??= this.headParts.map((part) => (typeof part === 'string' ? part : Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('utf8'))).join('');
    return this.#head;
  }

  /**
   * The pieces as each recipient writes them. A socket write copies a string into a native buffer;
   * a long one (a presence table for hundreds of clients) is encoded once here instead, and every
   * recipient's write points at the same bytes.
   */
  get wireParts(): readonly FramePart[] {
    this.#wireParts ??= this.headParts.map((part) => (typeof part === 'string' && part.length >= SHARED_ENCODING_CHARS ? Buffer.from(part) : part));
    return this.#wireParts;
  }

  /** The head's length in UTF-8 bytes, counted once for all recipients. */
  get headByteLength(): number {
    if (this.#headByteLength === undefined) {
      let bytes = 0;
      for (const part of this.headParts) bytes += Buffer.byteLength(part);
      this.#headByteLength = bytes;
    }
    return this.#headByteLength;
  }
}

/** What the bus needs from a connection: who it is and a way to hand it a pre-serialised event. */
export interface EventRecipient {
  readonly connId: string;
  readonly role: string;
  readonly scopes: readonly string[];
  deliverBroadcast(frame: BroadcastFrame): void;
}

const frameStarts = new Map<string, string>();

/** `{"type":"event","event":"<event>","payload":`, made once per event name. */
function frameStart(event: string): string {
  let start = frameStarts.get(event);
  if (start === undefined) {
    start = `{"type":"event","event":${JSON.stringify(event)},"payload":`;
    frameStarts.set(event, start);
  }
  return start;
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
        [frameStart(event), JSON.stringify(payload ?? null)],
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
   * someone can receive the event, so a run nobody watches builds no JSON. It returns the payload's
   * JSON in pieces, in order, so that the reply so far stays a piece of its own (BroadcastFrame).
   */
  broadcastSerialised(event: GatewayEventName, serialise: () => readonly FramePart[]): number {
    let frame: BroadcastFrame | undefined;
    let delivered = 0;
    for (const recipient of this.source.recipients()) {
      if (!eventVisibleTo(event, recipient.role, recipient.scopes)) continue;
      frame ??= new BroadcastFrame([frameStart(event), ...serialise()], undefined, DROP_IF_SLOW_EVENTS.has(event));
      recipient.deliverBroadcast(frame);
      delivered += 1;
    }
    return delivered;
  }
}
