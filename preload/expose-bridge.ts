/**
 * The whole of a preload, for one kind of window: `window.gatehouse` with that kind's channels
 * (shared/ipc/window-channels.ts) and nothing else. Preloads run sandboxed with context
 * isolation: they reach `contextBridge` and `ipcRenderer`, and nothing of Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { windowChannels } from '../shared/ipc/window-channels.js';
import type { WindowKind } from '../shared/ipc/window-kinds.js';
import { createGatehouseBridge } from './bridge.js';

export function exposeGatehouseBridge(kind: WindowKind): void {
  contextBridge.exposeInMainWorld('gatehouse', createGatehouseBridge(ipcRenderer, windowChannels[kind]));
}
