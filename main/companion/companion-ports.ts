/**
 * The Electron pieces the companion controller uses, as small interfaces: the app hands in
 * `Notification`, `clipboard` and its window set; tests hand in recorders.
 */
import type { InvokeRequest } from '../../shared/ipc/contract.js';

export interface NotificationRequest {
  title: string;
  /** Generic text only: never a command, a device name or anything an agent wrote. */
  body: string;
  onClick?: () => void;
}

/** A notification on screen, which can be taken back once what it announced is settled. */
export interface ShownNotification {
  close(): void;
}

export interface Notifier {
  /** False where the system has no notification service; the companion then stays quiet. */
  isSupported(): boolean;
  /** Returns the notification when the platform can withdraw it later. */
  show(notification: NotificationRequest): ShownNotification | void;
}

export interface Clipboard {
  writeText(text: string): void;
}

/** A window a page may open (shared/ipc/window-kinds.ts `openableWindowKinds`). */
export type WindowView = InvokeRequest<'window:open'>['view'];

export interface WindowOpener {
  /** Opens the window of `view`, or brings it to the front when it is open already. */
  open(view: WindowView): void;
}
