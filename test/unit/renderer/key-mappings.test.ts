import { describe, expect, it } from 'vitest';
import { approvalKeyAction } from '../../../renderer/keyboard/approval-keys.js';
import { composerKeyAction } from '../../../renderer/keyboard/composer-keys.js';
import type { KeyPress } from '../../../renderer/keyboard/key-press.js';

function press(key: string, extra: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, repeat: false, isComposing: false, ...extra };
}

describe('approval prompt keys', () => {
  it('allows once on Ctrl+Enter and Cmd+Enter', () => {
    expect(approvalKeyAction(press('Enter', { ctrlKey: true }))).toBe('allow-once');
    expect(approvalKeyAction(press('Enter', { metaKey: true }))).toBe('allow-once');
  });

  it('denies on Esc', () => {
    expect(approvalKeyAction(press('Escape'))).toBe('deny');
  });

  it('swallows plain Enter, so not even a focused button is pressed', () => {
    expect(approvalKeyAction(press('Enter'))).toBe('swallow');
    expect(approvalKeyAction(press('Enter', { shiftKey: true }))).toBe('swallow');
    expect(approvalKeyAction(press('Enter', { ctrlKey: true, altKey: true }))).toBe('swallow');
    expect(approvalKeyAction(press('Enter', { ctrlKey: true, shiftKey: true }))).toBe('swallow');
  });

  it('never decides on a held-down key', () => {
    expect(approvalKeyAction(press('Enter', { ctrlKey: true, repeat: true }))).toBe('swallow');
    expect(approvalKeyAction(press('Escape', { repeat: true }))).toBe('swallow');
  });

  it('leaves other keys, modified Esc and IME composition to the browser', () => {
    expect(approvalKeyAction(press('Tab'))).toBe('pass');
    expect(approvalKeyAction(press(' '))).toBe('pass');
    expect(approvalKeyAction(press('a', { ctrlKey: true }))).toBe('pass');
    expect(approvalKeyAction(press('Escape', { shiftKey: true }))).toBe('pass');
    expect(approvalKeyAction(press('Enter', { ctrlKey: true, isComposing: true }))).toBe('pass');
  });
});

describe('chat composer keys', () => {
  it('sends on Enter and Cmd/Ctrl+Enter', () => {
    expect(composerKeyAction(press('Enter'))).toBe('send');
    expect(composerKeyAction(press('Enter', { ctrlKey: true }))).toBe('send');
    expect(composerKeyAction(press('Enter', { metaKey: true }))).toBe('send');
  });

  it('keeps Shift+Enter and Alt+Enter for new lines', () => {
    expect(composerKeyAction(press('Enter', { shiftKey: true }))).toBe('pass');
    expect(composerKeyAction(press('Enter', { altKey: true }))).toBe('pass');
  });

  it('lets the IME confirm a composition with Enter', () => {
    expect(composerKeyAction(press('Enter', { isComposing: true }))).toBe('pass');
  });

  it('sends once for a held-down Enter', () => {
    expect(composerKeyAction(press('Enter', { repeat: true }))).toBe('swallow');
  });

  it('ignores other keys', () => {
    expect(composerKeyAction(press('a'))).toBe('pass');
  });
});
