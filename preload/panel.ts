/**
 * Preload of the tray panel window. Runs sandboxed with context isolation: it can reach
 * `contextBridge` and `ipcRenderer`, and exposes only the typed bridge as `window.gatehouse`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createGatehouseBridge } from './bridge.js';

contextBridge.exposeInMainWorld('gatehouse', createGatehouseBridge(ipcRenderer));
