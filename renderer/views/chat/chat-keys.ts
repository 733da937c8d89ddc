/**
 * The chat window's own keys, anywhere in it: Esc stops a running reply, Ctrl+K (⌘K on a Mac)
 * goes to the session switcher. The composer's Enter/Shift+Enter are composer-keys.ts.
 */
import type { KeyPress } from '../../keyboard/key-press.js';

export type ChatKeyAction = 'stop' | 'focusSwitcher' | 'pass';

export function chatKeyAction(press: KeyPress, busy: boolean): ChatKeyAction {
  if (press.isComposing) return 'pass';
  if (press.key === 'Escape' && busy && !press.ctrlKey && !press.metaKey && !press.altKey && !press.shiftKey) return 'stop';
  if ((press.key === 'k' || press.key === 'K') && (press.ctrlKey || press.metaKey) && !press.altKey && !press.shiftKey) return 'focusSwitcher';
  return 'pass';
}
