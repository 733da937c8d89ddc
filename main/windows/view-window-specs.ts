/**
 * The windows the app opens, one per window kind (shared/ipc/window-kinds.ts), and how each
 * looks. One renderer bundle serves them all; the URL hash picks the view (renderer/route.ts):
 * the panel is the bare entry URL, the others `#chat`, `#approvals`, … Pure, so tests check
 * sizes and URLs without Electron.
 */
import type { WindowKind } from '../../shared/ipc/window-kinds.js';

/** Main's name for a window kind: the view a window opens on. */
export type AppView = WindowKind;

export interface ViewWindowSpec {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  /** The approval prompt stays above other windows until the person decides. */
  alwaysOnTop: boolean;
}

export const viewWindowSpecs: Readonly<Record<AppView, ViewWindowSpec>> = {
  panel: { title: 'Gatehouse', width: 360, height: 420, minWidth: 300, minHeight: 320, alwaysOnTop: false },
  chat: { title: 'Gatehouse — Chat', width: 760, height: 640, minWidth: 420, minHeight: 360, alwaysOnTop: false },
  approvals: { title: 'Gatehouse — Approve a command', width: 480, height: 400, minWidth: 380, minHeight: 300, alwaysOnTop: true },
  pairing: { title: 'Gatehouse — Pairing requests', width: 560, height: 560, minWidth: 380, minHeight: 320, alwaysOnTop: false },
  settings: { title: 'Gatehouse — Settings', width: 580, height: 720, minWidth: 420, minHeight: 420, alwaysOnTop: false },
  logs: { title: 'Gatehouse — Logs', width: 820, height: 540, minWidth: 420, minHeight: 300, alwaysOnTop: false },
  scheduled: { title: 'Gatehouse — Scheduled', width: 780, height: 640, minWidth: 420, minHeight: 360, alwaysOnTop: false },
  onboarding: { title: 'Welcome to Gatehouse', width: 560, height: 600, minWidth: 420, minHeight: 420, alwaysOnTop: false },
};

/** `app://gatehouse/index.html` for the panel, `app://gatehouse/index.html#chat` for chat, … */
export function viewUrl(entryUrl: string, view: AppView): string {
  const url = new URL(entryUrl);
  url.hash = view === 'panel' ? '' : `#${view}`;
  return url.href;
}
