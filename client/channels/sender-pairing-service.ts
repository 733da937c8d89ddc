/**
 * Chat senders waiting for approval (the Pairing panel beside device and node requests), on top
 * of the operator connection: channels.pairing.list / approve / dismiss, and the gateway's
 * `channels.pairing.requested` event, which refreshes the list and asks for a notification, and
 * `channels.pairing.resolved` (decided elsewhere or expired), which refreshes it (the caller
 * withdraws that notification). The list is also read on every `pairing:senders` call, after
 * each decision and on (re)connect. Without channels.pairing.list the panel hides the section.
 */
import type { ActionResult, SenderPairingListView } from '../../shared/ipc/contract.js';
import type { ChannelPairingRequest, ChannelPairingResolved } from '../../shared/protocol/channels/events.js';
import type { GatewayRequest } from '../gateway-request.js';
import { describeFailure } from '../describe-failure.js';
import { channelsPairingApproveResult, channelsPairingDismissResult, channelsPairingListResult, senderPairingViews } from './channel-views.js';
import { parsed } from '../parse-answer.js';

export interface SenderPairingServiceOptions {
  request: GatewayRequest;
  connected: () => boolean;
  methods: () => readonly string[];
  emit: (view: SenderPairingListView) => void;
  /** A new request arrived (the controller notifies, if the person wants notifications). */
  requested: () => void;
  log?: (message: string) => void;
}

export interface SenderDecision {
  channel: string;
  accountId: string;
  requestId: string;
}

export const SENDER_GONE_MESSAGE = 'This sender is no longer waiting: the request was decided elsewhere or its code expired (codes last an hour).';

export class SenderPairingService {
  readonly #options: SenderPairingServiceOptions;
  #view: SenderPairingListView = { state: 'offline', requests: [] };
  #last: string | undefined;
  #generation = 0;
  #disposed = false;

  constructor(options: SenderPairingServiceOptions) {
    this.#options = options;
  }

  /** How many senders wait (for the panel's pairing count). */
  get count(): number {
    return this.#view.requests.length;
  }

  /** Reads the list from the gateway, pushes it when it changed, and answers it. */
  async list(): Promise<SenderPairingListView> {
    const generation = ++this.#generation;
    const view = await this.#read();
    if (generation === this.#generation) this.#publish(view);
    return view;
  }

  approve(decision: SenderDecision): Promise<ActionResult> {
    return this.#decide('channels.pairing.approve', decision, (raw) => {
      const result = parsed('channels.pairing.approve', channelsPairingApproveResult, raw);
      if (result.notification === 'failed') return { ok: true, message: 'Approved, but the sender could not be told: they can write again and will be answered.' };
      return { ok: true };
    });
  }

  dismiss(decision: SenderDecision): Promise<ActionResult> {
    return this.#decide('channels.pairing.dismiss', decision, (raw) => {
      parsed('channels.pairing.dismiss', channelsPairingDismissResult, raw);
      return { ok: true };
    });
  }

  /** `channels.pairing.requested`, already checked against its schema by the operator connection. */
  onRequested(_request: ChannelPairingRequest): void {
    if (this.#disposed) return;
    this.#options.requested();
    void this.refresh();
  }

  /**
   * `channels.pairing.resolved`, already checked against its schema by the operator connection.
   * The list is read again rather than edited: it stays the gateway's. The notification is the
   * caller's (ApprovalPrompter.senderPairingResolved in the tray; the browser shows none).
   */
  onResolved(_resolved: ChannelPairingResolved): void {
    if (this.#disposed) return;
    void this.refresh();
  }

  onConnectionChanged(): void {
    void this.refresh();
  }

  async refresh(): Promise<void> {
    await this.list().catch((error: unknown) => this.#options.log?.(`channels.pairing.list failed: ${describeFailure(error)}`));
  }

  dispose(): void {
    this.#disposed = true;
  }

  async #read(): Promise<SenderPairingListView> {
    if (!this.#options.connected()) return { state: 'offline', requests: [] };
    if (!this.#options.methods().includes('channels.pairing.list')) return { state: 'unsupported', requests: [] };
    const result = parsed('channels.pairing.list', channelsPairingListResult, await this.#options.request('channels.pairing.list', {}));
    return { state: 'ready', requests: senderPairingViews(result.requests) };
  }

  #publish(view: SenderPairingListView): void {
    this.#view = view;
    const key = JSON.stringify(view);
    if (this.#disposed || key === this.#last) return;
    this.#last = key;
    this.#options.emit(view);
  }

  async #decide(method: string, decision: SenderDecision, read: (raw: unknown) => ActionResult): Promise<ActionResult> {
    if (!this.#options.connected()) return { ok: false, message: 'Start the gateway first.' };
    if (!this.#options.methods().includes(method)) return { ok: false, message: `This gateway does not serve ${method}.` };
    try {
      const pending = (await this.list()).requests.some(
        (request) => request.channel === decision.channel && request.accountId === decision.accountId && request.requestId === decision.requestId,
      );
      if (!pending) return { ok: false, message: SENDER_GONE_MESSAGE };
      const result = read(await this.#options.request(method, { channel: decision.channel, accountId: decision.accountId, requestId: decision.requestId }));
      await this.refresh();
      return result;
    } catch (error) {
      const message = describeFailure(error);
      return { ok: false, message: /unknown or expired pairing request/.test(message) ? SENDER_GONE_MESSAGE : message };
    }
  }
}
