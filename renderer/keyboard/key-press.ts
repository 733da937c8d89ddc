/** The parts of a DOM KeyboardEvent the key mappings read (no DOM types, so tests run under Node). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** Held down: the browser repeats keydown. */
  repeat: boolean;
  /** Inside an IME composition: Enter confirms the composition, nothing else. */
  isComposing: boolean;
}
