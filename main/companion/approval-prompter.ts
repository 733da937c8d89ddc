/**
 * Tells the person when something waits for them: a native notification for a new exec
 * approval or pairing request, whose click opens the window where they decide.
 *
 * The text is always generic. A command, a device name or a host comes from whoever asked —
 * possibly an agent steered by a web page — and a notification is shown outside any window the
 * person chose to look at, so it never carries any of it. Nothing is ever decided here.
 */
import type { ShownNotification, Notifier, WindowOpener } from './companion-ports.js';

export const APPROVAL_NOTIFICATION = 'An agent wants to run a command — review it';
export const DEVICE_PAIRING_NOTIFICATION = 'A device asks to pair';
export const NODE_PAIRING_NOTIFICATION = 'A node asks to pair';
export const SENDER_PAIRING_NOTIFICATION = 'Someone messaged your bot and asks to talk to your agent';

export interface ApprovalPrompterOptions {
  notifier: Notifier;
  windows: WindowOpener;
  /** The person's "Show notifications" preference, read at the moment something arrives. */
  notificationsEnabled: () => boolean;
}

/** Which chat sender's request a notification is about: channel, account and code. */
export interface SenderRequestKey {
  channel: string;
  accountId: string;
  requestId: string;
}

export class ApprovalPrompter {
  /** Shown sender-pairing notifications, until their request is resolved. */
  readonly #senderNotifications = new Map<string, ShownNotification>();

  constructor(private readonly options: ApprovalPrompterOptions) {}

  approvalRequested(): void {
    this.#notify(APPROVAL_NOTIFICATION, () => this.options.windows.open('approvals'));
  }

  /** `silent` requests were approved by the gateway on its own (loopback); nobody needs to look. */
  pairingRequested(kind: 'device' | 'node', silent: boolean): void {
    if (silent) return;
    this.#notify(kind === 'device' ? DEVICE_PAIRING_NOTIFICATION : NODE_PAIRING_NOTIFICATION, () => this.options.windows.open('pairing'));
  }

  /** A Telegram/Discord sender got a pairing code. Who it is stays out of the notification. */
  senderPairingRequested(request: SenderRequestKey): void {
    const shown = this.#notify(SENDER_PAIRING_NOTIFICATION, () => this.options.windows.open('pairing'));
    if (shown) this.#senderNotifications.set(senderKey(request), shown);
  }

  /** `channels.pairing.resolved`: nobody needs to look any more, so its notification goes. */
  senderPairingResolved(request: SenderRequestKey): void {
    const key = senderKey(request);
    this.#senderNotifications.get(key)?.close();
    this.#senderNotifications.delete(key);
  }

  #notify(body: string, onClick: () => void): ShownNotification | undefined {
    const { notifier, notificationsEnabled } = this.options;
    if (!notificationsEnabled() || !notifier.isSupported()) return undefined;
    return notifier.show({ title: 'Gatehouse', body, onClick }) ?? undefined;
  }
}

function senderKey({ channel, accountId, requestId }: SenderRequestKey): string {
  return JSON.stringify([channel, accountId, requestId]);
}
