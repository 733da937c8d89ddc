/**
 * Reads the facts the sender check needs off Electron's IPC event.
 */
import type { IpcMainInvokeEvent } from 'electron';
import type { IpcSenderInfo } from './sender-policy.js';

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export function describeElectronSender(event: SenderEvent): IpcSenderInfo {
  const webContentsId = event.sender.id;
  try {
    const frame = event.senderFrame;
    if (frame === null) return { webContentsId, frame: null };
    return { webContentsId, frame: { url: frame.url, isMainFrame: frame.parent === null } };
  } catch {
    // Reading a WebFrameMain whose render frame was disposed throws; treat it as gone.
    return { webContentsId, frame: null };
  }
}
