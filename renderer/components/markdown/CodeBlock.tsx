import { useEffect, useRef, useState, type ReactNode } from 'react';
import { markdownStrings } from './markdown-strings';

type CopyState = 'idle' | 'copied' | 'refused';

/** Selects the block's text, so a person can copy it with the keyboard when the clipboard says no. */
function selectContents(element: HTMLElement): void {
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** A fenced code block with a copy button; "Copied" (or why not) shows for a moment. */
export function CodeBlock({ children }: { children?: ReactNode }) {
  const pre = useRef<HTMLPreElement>(null);
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), state === 'copied' ? 2_000 : 6_000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async (): Promise<void> => {
    const element = pre.current;
    if (!element) return;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(element.textContent ?? '');
      setState('copied');
    } catch {
      selectContents(element);
      setState('refused');
    }
  };

  return (
    <div className="md-code">
      <div className="md-code__bar">
        <span className="md-code__status" role="status">
          {state === 'copied' ? markdownStrings.copied : state === 'refused' ? markdownStrings.copyRefused : ''}
        </span>
        <button type="button" className="button button--quiet button--small md-code__copy" onClick={() => void copy()} aria-label={markdownStrings.copyCode}>
          {state === 'copied' ? markdownStrings.copied : markdownStrings.copy}
        </button>
      </div>
      <pre ref={pre}>{children}</pre>
    </div>
  );
}
