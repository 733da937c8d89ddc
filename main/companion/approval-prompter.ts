/**
 * Tells the person when something waits for them: a native notification for a new exec
 * approval or pairing request, whose click opens the window where they decide.
 *
 * The text is always generic. A command, a device name or a host comes from whoever asked —
 * possibly an agent steered by a web page — and a notification is shown outside any window the
 * person chose to look at, so it never carries any of it. Nothing is ever decided here.
 */
import type { Notifier, WindowOpener } from './companion-ports.js';

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

export class ApprovalPrompter {
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
  senderPairingRequested(): void {
    this.#notify(SENDER_PAIRING_NOTIFICATION, () => this.options.windows.open('pairing'));
  }

  #notify(body: string, onClick: () => void): void {
    const { notifier, notificationsEnabled } = this.options;
    if (!notificationsEnabled() || !notifier.isSupported()) return;
    notifier.show({ title: 'Gatehouse', body, onClick });
  }
}
