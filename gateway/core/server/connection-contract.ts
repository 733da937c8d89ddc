import type { ConnectClient, ConnectParams } from '../../../shared/protocol/connect.js';
import type { RequestFrame } from '../../../shared/protocol/frames.js';
import type { Role } from '../../../shared/protocol/scopes.js';
import type { ProtocolVersion } from '../../../shared/protocol/versions.js';
import type { Connection } from './connection.js';
import type { AuthMethod, HandshakeAcceptance, HandshakeOutcome } from './handshake.js';
import type { InboundByteBudget } from './inbound-byte-budget.js';

// What a connection is to the rest of the gateway: who is calling (ClientSession, read by the
// router and every handler) and what the server wires into each one (ConnectionHooks). The
// state machine that fulfils it is connection.ts.

export interface ConnectionPolicy {
  maxBufferedBytes: number;
  bareHandshake: boolean;
}

/** What the server wires into every connection. */
export interface ConnectionHooks {
  policy(): ConnectionPolicy;
  handshake(connection: Connection, params: ConnectParams): HandshakeOutcome | Promise<HandshakeOutcome>;
  /** Builds the hello-ok payload for an accepted connection (after `session` is set). */
  helloOk(connection: Connection, acceptance: HandshakeAcceptance): unknown;
  ready(connection: Connection): void;
  request(connection: Connection, frame: RequestFrame): void;
  /** Bytes of one inbound frame, counted before anything else is done with it. */
  received(bytes: number): void;
  /** The gateway-wide budget of large inbound messages being read (inbound-byte-budget.ts). */
  readonly inboundBudget: InboundByteBudget;
  closed(connection: Connection, code: number, reason: string): void;
  log(level: 'debug' | 'info' | 'warn', message: string, fields?: Record<string, unknown>): void;
}

/** The authenticated identity of a connection; set once the handshake succeeds. */
export interface ClientSession {
  role: Role;
  scopes: string[];
  protocol: ProtocolVersion;
  client: ConnectClient;
  deviceId?: string;
  authMethod: AuthMethod;
  /** The address the limiters key on: behind a trusted proxy, the forwarded client's. */
  clientAddress: string;
  connectedAtMs: number;
  caps: string[];
  /** Nodes only: the commands and OS permission toggles declared at connect (spec §4.3). */
  commands: string[];
  permissions: Record<string, boolean>;
}

