import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import WebSocket, { type RawData } from 'ws';
import { CloseCode, truncateCloseReason } from '../../../shared/protocol/close-codes.js';
import { connectParamsValidator, type ConnectParams } from '../../../shared/protocol/connect.js';
import { ErrorCode, type ErrorShape } from '../../../shared/protocol/error-codes.js';
import { requestFrameValidator } from '../../../shared/protocol/frames.js';
import {
  HANDSHAKE_DEADLINE_MS,
  INBOUND_JSON_LIMITS,
  MALFORMED_FRAME_BUDGET,
  MAX_PENDING_HANDSHAKE_FRAMES,
  POSTAUTH_RECEIVER_LIMITS,
  PREAUTH_JSON_LIMITS,
  PREAUTH_MAX_FRAME_BYTES,
  PROTOCOL_CLOSE_FLUSH_MS,
  maxPayloadFor,
} from '../../../shared/protocol/limits.js';
import type { ProtocolVersion } from '../../../shared/protocol/versions.js';
import type { BroadcastFrame, EventRecipient } from '../events/event-bus.js';
import { isPlainObject, looksLikeBareConnect } from './bare-connect.js';
import type { ClientSession, ConnectionHooks } from './connection-contract.js';
import type { HandshakeAcceptance, HandshakeOutcome } from './handshake.js';
import { rawSize, readInboundFrame, type InboundFrame } from './inbound-frame.js';
import { assembleLargeFrames } from './large-frame-assembly.js';
import { describePeer, type PeerInfo } from './locality.js';
import { MalformedFrameBudget } from './malformed-frame-budget.js';
import { OwedAnswers } from './owed-answers.js';
import { interceptReceiverErrors } from './receiver-errors.js';
import { setReceiverLimits } from './receiver-limits.js';
import { SocketReading } from './socket-reading.js';
import { TickCork } from './tick-cork.js';
import { writeTextFrame } from './text-frame-writer.js';

type ConnectionState = 'awaiting-connect' | 'connecting' | 'ready' | 'closed';

/** A frame that arrived while `connect` was being decided; read once hello-ok is out. */
interface QueuedFrame {
  data: RawData;
  isBinary: boolean;
}

/**
 * One WebSocket client, from challenge to close: the handshake state machine of spec §4, the
 * per-connection event sequence, the outbound back-pressure rule of spec §1.2, and the inbound
 * limits (inbound-frame.ts, receiver-limits.ts) with the closes they lead to.
 */

export class Connection implements EventRecipient {
  readonly connId = randomUUID();
  readonly peer: PeerInfo;
  readonly requestHost: string | undefined;
  readonly challengeNonce = randomUUID();
  session: ClientSession | undefined;
  /** Pong received since the last keepalive ping. */
  alive = true;
  consecutiveRoleErrors = 0;

  private state: ConnectionState = 'awaiting-connect';
  private seq = 0;
  private bare = false;
  private readonly queued: QueuedFrame[] = [];
  private handshakeTimer: NodeJS.Timeout | undefined;
  private readonly cork: TickCork;
  private readonly owed = new OwedAnswers();
  /** Set once a protocol violation decided the close (closeAfterAnswers); cancels its wait. */
  private cancelPendingClose: (() => void) | undefined;
  /** Ends a close handshake the peer never answers; cleared once the socket is closed. */
  private terminateTimer: NodeJS.Timeout | undefined;
  private readonly malformed = new MalformedFrameBudget(MALFORMED_FRAME_BUDGET);
  private readonly reading: SocketReading;
  /** ws's own close for a frame its receiver refused, held back until owed answers are out. */
  private receiverFailure: (() => void) | undefined;

  constructor(
    private readonly ws: WebSocket,
    request: IncomingMessage,
    private readonly hooks: ConnectionHooks,
  ) {
    this.cork = new TickCork(ws);
    this.peer = describePeer(request);
    this.requestHost = request.headers.host;
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', (code, reason) => this.onClose(code, reason.toString('utf8')));
    ws.on('error', (error) => hooks.log('debug', 'socket error', { connId: this.connId, error: error.message }));
    ws.on('pong', () => {
      this.alive = true;
    });
    this.reading = new SocketReading(ws, hooks.inboundBudget, {
      reading: () => this.state !== 'closed' && !this.cancelPendingClose,
      // Any bytes prove the peer is there: a pong it sent after a large message is read only after it.
      bytesArrived: () => (this.alive = true),
      readDeadlinePassed: (deadlineMs) => {
        hooks.log('info', 'closing a client whose large message did not arrive in time', { connId: this.connId, deadlineMs });
        this.closeAfterAnswers(CloseCode.policyViolation, `large message not received within ${Math.round(deadlineMs / 1_000)} s`);
      },
    });
    if (!assembleLargeFrames(ws)) {
      hooks.log('warn', 'cannot assemble large frames as they arrive; each one is held as socket reads until complete', { connId: this.connId });
    }
    if (!interceptReceiverErrors(ws, (error, proceed) => this.onReceiverError(error, proceed))) {
      hooks.log('warn', 'cannot hold back ws closes for refused frames; answers owed to such a client may be lost', { connId: this.connId });
    }
    this.handshakeTimer = setTimeout(() => this.close(CloseCode.normal, ''), HANDSHAKE_DEADLINE_MS);
    this.sendText(
      JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: this.challengeNonce, ts: Date.now() } }),
      false,
    );
  }

  isClosed(): boolean {
    return this.state === 'closed';
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  get role(): string {
    return this.session?.role ?? 'none';
  }

  get scopes(): readonly string[] {
    return this.session?.scopes ?? [];
  }

  get protocol(): ProtocolVersion | undefined {
    return this.session?.protocol;
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  /**
   * ws refused a frame (over maxPayload, a protocol error) and would close at once: as with the
   * closes this class decides (closeAfterAnswers), answers already owed go out first.
   */
  private onReceiverError(error: Error, proceed: () => void): void {
    if (this.state === 'closed' || this.owed.none) {
      this.reading.release();
      proceed();
      return;
    }
    this.hooks.log('debug', 'frame refused by the receiver; closing after the answers owed', { connId: this.connId, error: error.message });
    this.receiverFailure = proceed;
    this.cancelPendingClose?.();
    this.reading.stopForClose();
    this.cancelPendingClose = this.owed.whenPaid(() => this.close(CloseCode.normal, ''), PROTOCOL_CLOSE_FLUSH_MS);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    // First, whatever else happens: a large message's reservation ends when it is emitted.
    this.reading.release();
    const bytes = rawSize(data);
    this.hooks.received(bytes);
    if (this.state === 'closed' || this.cancelPendingClose) return;
    // The receiver already refuses larger frames at their header before hello-ok
    // (PREAUTH_RECEIVER_LIMITS); this holds even if it did not.
    if (this.state !== 'ready' && bytes > PREAUTH_MAX_FRAME_BYTES) {
      this.close(CloseCode.tooLarge, 'preauth payload too large');
      return;
    }
    if (this.state === 'connecting') {
      if (this.queued.length >= MAX_PENDING_HANDSHAKE_FRAMES) {
        this.close(CloseCode.policyViolation, 'too many pending handshake frames');
        return;
      }
      this.queued.push({ data, isBinary });
      return;
    }
    if (this.state === 'awaiting-connect') {
      void this.onFirstFrame(readInboundFrame(data, isBinary, PREAUTH_JSON_LIMITS));
      return;
    }
    this.onRequestFrame(readInboundFrame(data, isBinary, INBOUND_JSON_LIMITS));
  }

  private async onFirstFrame(frame: InboundFrame): Promise<void> {
    if (!frame.ok) {
      // Spec §4.2: an unreadable first frame just closes the socket (RFC 6455 wants 1007 for bad UTF-8).
      if (frame.problem === 'invalid-utf8') this.close(CloseCode.invalidPayload, 'invalid UTF-8');
      else this.close(CloseCode.normal, '');
      return;
    }
    const value = frame.value;
    let id: string;
    let params: unknown;
    if (isPlainObject(value) && this.hooks.policy().bareHandshake && looksLikeBareConnect(value)) {
      this.bare = true;
      id = 'bare-connect';
      params = value;
    } else if (!requestFrameValidator.check(value)) {
      this.close(CloseCode.policyViolation, 'invalid request frame');
      return;
    } else if (value.method !== 'connect') {
      this.rejectHandshake(value.id, {
        code: ErrorCode.invalidRequest,
        message: 'invalid handshake: first request must be connect',
      });
      return;
    } else {
      id = value.id;
      params = value.params ?? {};
    }
    const problem = connectParamsValidator.firstError(params);
    if (problem !== null) {
      this.rejectHandshake(id, { code: ErrorCode.invalidRequest, message: `invalid connect params: ${problem}` });
      return;
    }
    const connectParams = params as ConnectParams;
    this.state = 'connecting';
    let outcome: HandshakeOutcome;
    try {
      outcome = await this.hooks.handshake(this, connectParams);
    } catch (error) {
      this.hooks.log('warn', 'handshake failed unexpectedly', { connId: this.connId, error: String(error) });
      this.rejectHandshake(id, { code: ErrorCode.unavailable, message: 'connect failed; retry shortly', retryable: true }, CloseCode.internalError);
      return;
    }
    // The socket may have closed while the handshake was being decided.
    if (this.isClosed()) return;
    if (!outcome.ok) {
      const { error, closeCode, closeReason } = outcome.rejection;
      this.rejectHandshake(id, error, closeCode, closeReason);
      return;
    }
    this.accept(id, connectParams, outcome.value);
  }

  private accept(id: string, params: ConnectParams, acceptance: HandshakeAcceptance): void {
    clearTimeout(this.handshakeTimer);
    const limits = { maxPayload: maxPayloadFor(acceptance.role), ...POSTAUTH_RECEIVER_LIMITS };
    if (!setReceiverLimits(this.ws, limits)) {
      this.hooks.log('warn', 'could not raise the inbound frame limit after hello-ok; this socket stays at the pre-auth limit', { connId: this.connId });
    }
    this.session = {
      role: acceptance.role,
      scopes: acceptance.scopes,
      protocol: acceptance.protocol,
      client: params.client,
      deviceId: acceptance.deviceId,
      authMethod: acceptance.authMethod,
      clientAddress: acceptance.clientAddress,
      connectedAtMs: Date.now(),
      caps: params.caps ?? [],
      commands: params.commands ?? [],
      permissions: params.permissions ?? {},
    };
    const hello = this.hooks.helloOk(this, acceptance);
    this.state = 'ready';
    this.sendText(this.bare ? JSON.stringify(hello) : JSON.stringify({ type: 'res', id, ok: true, payload: hello }), false);
    // The client is waiting for hello-ok; the ready hooks (presence broadcast, device touch, the
    // features' hooks) are several ms on a gateway's first connection and need not go first.
    // Whatever they send this connection still follows hello-ok.
    this.cork.release();
    this.hooks.ready(this);
    const queued = this.queued.splice(0);
    for (const { data, isBinary } of queued) {
      if (this.state !== 'ready' || this.cancelPendingClose) break;
      this.onRequestFrame(readInboundFrame(data, isBinary, INBOUND_JSON_LIMITS));
    }
  }

  private rejectHandshake(id: string, error: ErrorShape, closeCode: number = CloseCode.policyViolation, closeReason?: string): void {
    const frame = this.bare ? { type: 'error', error } : { type: 'res', id, ok: false, error };
    this.sendText(JSON.stringify(frame), false);
    this.close(closeCode, closeReason ?? error.message);
  }

  private onRequestFrame(frame: InboundFrame): void {
    if (!frame.ok) {
      if (frame.problem === 'invalid-utf8') {
        this.closeAfterAnswers(CloseCode.invalidPayload, 'invalid UTF-8');
        return;
      }
      // Spec §1.2: after the handshake an unparseable frame is logged and ignored (within budget).
      this.hooks.log('debug', 'ignored unreadable frame', { connId: this.connId, problem: frame.problem, bytes: frame.bytes });
      this.spendMalformed();
      return;
    }
    const value = frame.value;
    if (!requestFrameValidator.check(value)) {
      const id = isPlainObject(value) && typeof value.id === 'string' && value.id !== '' ? value.id : 'invalid';
      const problem = requestFrameValidator.firstError(value) ?? 'invalid';
      this.sendResponse(id, { code: ErrorCode.invalidRequest, message: `invalid request frame: ${problem}` });
      this.spendMalformed();
      return;
    }
    if (value.method === 'connect') {
      this.sendResponse(value.id, { code: ErrorCode.invalidRequest, message: 'connect is only valid as the first request' });
      return;
    }
    this.owed.owe(value.id);
    this.hooks.request(this, value);
  }

  private spendMalformed(): void {
    if (this.malformed.spend()) return;
    this.hooks.log('info', 'closing a client that sent too many malformed frames', { connId: this.connId, frames: this.malformed.count });
    this.closeAfterAnswers(CloseCode.policyViolation, 'too many malformed frames');
  }

  /**
   * Closes for a protocol violation once the answers this client is already owed are out: its
   * earlier requests run concurrently and may still be in a handler when the bad frame arrives.
   * Nothing more is read meanwhile, and PROTOCOL_CLOSE_FLUSH_MS bounds the wait.
   */
  private closeAfterAnswers(code: number, reason: string): void {
    if (this.state === 'closed' || this.cancelPendingClose) return;
    if (this.owed.none) {
      this.close(code, reason);
      return;
    }
    this.reading.stopForClose();
    this.cancelPendingClose = this.owed.whenPaid(() => this.close(code, reason), PROTOCOL_CLOSE_FLUSH_MS);
  }

  /** Sends a response; an ErrorShape as the second argument makes it a failure. */
  sendResponse(id: string, error: ErrorShape): void;
  sendResponse(id: string, error: undefined, payload: unknown): void;
  sendResponse(id: string, error: ErrorShape | undefined, payload?: unknown): void {
    const frame = error ? { type: 'res', id, ok: false, error } : { type: 'res', id, ok: true, payload };
    this.sendText(JSON.stringify(frame), false);
    this.owed.paid(id);
  }

  /** A failed response that also carries a payload (spec §3.2, e.g. a failed agent run summary). */
  sendFailureWithPayload(id: string, error: ErrorShape, payload: unknown): void {
    this.sendText(JSON.stringify({ type: 'res', id, ok: false, payload, error }), false);
    this.owed.paid(id);
  }

  /** The broadcast's shared head plus this connection's `seq` (and state version), as one frame. */
  deliverBroadcast(frame: BroadcastFrame): void {
    if (this.state !== 'ready' || !this.writable(frame.dropIfSlow)) return;
    this.seq += 1;
    const tail = `,"seq":${this.seq}` + (frame.stateVersionJson ? `,"stateVersion":${frame.stateVersionJson}}` : '}');
    this.cork.hold();
    writeTextFrame(this.ws, [...frame.wireParts, tail], frame.headByteLength + Buffer.byteLength(tail));
  }

  /** An event addressed to this connection alone: no seq (spec §3.3). */
  sendDirectEvent(event: string, payload: unknown): void {
    this.sendText(JSON.stringify({ type: 'event', event, payload }), false);
  }

  private sendText(text: string, dropIfSlow: boolean): void {
    if (!this.writable(dropIfSlow)) return;
    this.cork.hold();
    this.ws.send(text);
  }

  /** Open and keeping up; a client too far behind misses droppable events or is closed (spec §7.6). */
  private writable(dropIfSlow: boolean): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    if (this.ws.bufferedAmount <= this.hooks.policy().maxBufferedBytes) return true;
    if (!dropIfSlow) this.close(CloseCode.policyViolation, 'slow consumer');
    return false;
  }

  ping(): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    // Paused for the inbound budget, the gateway is not reading this socket: its pong waits unread
    // in the kernel's buffer. Admission ends the pause, and the read deadline bounds what follows.
    if (this.reading.waitingForBudget) {
      this.alive = true;
      return;
    }
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    const wasReady = this.state === 'ready';
    this.state = 'closed';
    clearTimeout(this.handshakeTimer);
    this.cancelPendingClose?.();
    // A paused socket would never read the peer's answering close frame.
    this.reading.readToClose();
    const receiverFailure = this.receiverFailure;
    this.receiverFailure = undefined;
    const open = this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING;
    // ws's own close, with the receiver's code (1009, 1002, …), takes the place of ours.
    if (receiverFailure) receiverFailure();
    else if (open) this.ws.close(code, truncateCloseReason(reason));
    if (open) {
      // A peer that never answers the close handshake must not hold the socket forever.
      // Cleared in onClose: a pending timer would keep this connection, its socket and its
      // buffers alive for the whole 5 s (measured: thousands of them under a connection flood).
      this.terminateTimer = setTimeout(() => this.ws.terminate(), 5_000).unref();
    }
    if (!wasReady) this.queued.length = 0;
  }

  private onClose(code: number, reason: string): void {
    this.state = 'closed';
    clearTimeout(this.handshakeTimer);
    this.cancelPendingClose?.();
    clearTimeout(this.terminateTimer);
    this.reading.readToClose();
    this.queued.length = 0;
    this.hooks.closed(this, code, reason);
  }
}
