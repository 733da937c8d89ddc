/**
 * The kinds of window the companion opens: the one list every other one derives from (the IPC
 * contract's `window:open`, main's window specs and preload paths, the renderer's hash routes,
 * the per-window channel lists). One renderer bundle serves them all; the URL hash picks the
 * view, and each kind of window gets its own preload (preload/<kind>.ts).
 *
 * No Electron, Node or DOM imports: compiled into main, the sandboxed preloads and the renderer.
 */
export const windowKinds = ['panel', 'chat', 'approvals', 'pairing', 'settings', 'logs', 'scheduled', 'onboarding'] as const;

export type WindowKind = (typeof windowKinds)[number];

/**
 * The windows a page may ask main to open (`window:open`). The panel and onboarding are opened by
 * main alone: from the tray, a second launch, or the first start.
 */
export const openableWindowKinds = ['chat', 'approvals', 'pairing', 'settings', 'logs', 'scheduled'] as const satisfies readonly WindowKind[];

export type OpenableWindowKind = (typeof openableWindowKinds)[number];

export function isWindowKind(value: unknown): value is WindowKind {
  return typeof value === 'string' && (windowKinds as readonly string[]).includes(value);
}
