/**
 * Keys of the chat composer: Enter (or Cmd/Ctrl+Enter) sends, Shift+Enter starts a new line,
 * Enter that confirms an IME composition is the IME's, and a held-down Enter sends only once.
 */
import type { KeyPress } from './key-press.js';

export type ComposerKeyAction = 'send' | 'swallow' | 'pass';

export function composerKeyAction(press: KeyPress): ComposerKeyAction {
  if (press.key !== 'Enter' || press.isComposing) return 'pass';
  if (press.shiftKey || press.altKey) return 'pass';
  return press.repeat ? 'swallow' : 'send';
}
