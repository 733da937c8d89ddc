/**
 * Keys of the approval prompt. Cmd/Ctrl+Enter allows once and Esc denies; plain Enter does
 * nothing at all, not even press the focused button, so a person typing Enter elsewhere
 * when the prompt appears decides nothing. Held-down (repeating) keys never decide either.
 */
import type { KeyPress } from './key-press.js';

export type ApprovalKeyAction =
  /** Decide: allow this command once. */
  | 'allow-once'
  /** Decide: deny. */
  | 'deny'
  /** Cancel the key's default action (so a focused button is not pressed) and do nothing. */
  | 'swallow'
  /** Not ours: let the browser handle it (Tab, Space on a focused button, …). */
  | 'pass';

export function approvalKeyAction(press: KeyPress): ApprovalKeyAction {
  if (press.isComposing) return 'pass';
  if (press.key === 'Enter') {
    if (press.repeat) return 'swallow';
    const command = press.ctrlKey || press.metaKey;
    if (command && !press.altKey && !press.shiftKey) return 'allow-once';
    return 'swallow';
  }
  if (press.key === 'Escape') {
    if (press.repeat) return 'swallow';
    const modified = press.ctrlKey || press.metaKey || press.altKey || press.shiftKey;
    return modified ? 'pass' : 'deny';
  }
  return 'pass';
}
