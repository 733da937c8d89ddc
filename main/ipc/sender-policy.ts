/**
 * Who may call an IPC handler: the main frame of one of our own windows, showing a page from
 * our own origin. Anything else (a subframe, a page that navigated away, a web contents we did
 * not create, a frame that is already gone) is refused. A trusted sender comes with the kind of
 * its window, which decides the channels it may call (see register-invoke-handlers.ts).
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
import type { WindowKind } from '../../shared/ipc/window-kinds.js';
import type { AppOrigin } from '../security/app-origin.js';

/** What main knows about the sender of an IPC message, read off Electron's event. */
export interface IpcSenderInfo {
  /** `event.sender.id`. */
  webContentsId: number;
  /** `event.senderFrame`; null when the frame navigated or was destroyed before we looked. */
  frame: { url: string; isMainFrame: boolean } | null;
}

export interface SenderPolicy {
  origin: AppOrigin;
  /** The kind of window for web contents the app created (see WindowRegistry); undefined for any other. */
  windowKindOf(webContentsId: number): WindowKind | undefined;
}

export type SenderVerdict = { trusted: true; windowKind: WindowKind } | { trusted: false; reason: string };

export function checkSender(sender: IpcSenderInfo, policy: SenderPolicy): SenderVerdict {
  const windowKind = policy.windowKindOf(sender.webContentsId);
  if (windowKind === undefined) {
    return { trusted: false, reason: `web contents ${sender.webContentsId} is not one of our windows` };
  }
  if (sender.frame === null) {
    return { trusted: false, reason: 'the sending frame is gone' };
  }
  if (!sender.frame.isMainFrame) {
    return { trusted: false, reason: 'the sender is a subframe, not the window’s main frame' };
  }
  if (!policy.origin.contains(sender.frame.url)) {
    return { trusted: false, reason: `the sender is not on ${policy.origin.origin}` };
  }
  return { trusted: true, windowKind };
}
