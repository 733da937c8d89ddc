/**
 * One renderer bundle serves every window; the URL hash picks the view (`#chat`, `#settings`,
 * …), one per window kind (shared/ipc/window-kinds.ts). Anything else, including no hash, is
 * the tray panel.
 */
import { isWindowKind, type WindowKind } from '../shared/ipc/window-kinds.js';

export type ViewName = WindowKind;

export function viewFromHash(hash: string): ViewName {
  const name = hash.replace(/^#\/?/, '').split(/[?/&]/, 1)[0]?.toLowerCase() ?? '';
  return isWindowKind(name) ? name : 'panel';
}

export function hashFor(view: ViewName): string {
  return `#${view}`;
}
