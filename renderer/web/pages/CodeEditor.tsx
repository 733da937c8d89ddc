import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CodeEditorHandle } from './code-editor-view';

export interface CodeEditorProps {
  text: string;
  label: string;
  describedBy?: string;
  onChange: (text: string) => void;
}

/**
 * The raw editor: CodeMirror once its chunk has loaded; until then (or if it cannot load) a plain
 * text area with the same text, so the file is editable from the first moment.
 */
export function CodeEditor({ text, label, describedBy, onChange }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<CodeEditorHandle | undefined>(undefined);
  const latest = useRef({ text, onChange });
  latest.current = { text, onChange };
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void import('./code-editor-view').then(
      ({ createCodeEditor }) => {
        if (cancelled || host.current === null) return;
        editor.current = createCodeEditor(host.current, latest.current.text, label, describedBy, (next) => latest.current.onChange(next));
        setReady(true);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
      editor.current?.destroy();
      editor.current = undefined;
    };
  }, [label, describedBy]);

  // Brings the editor to a text set from outside (a reload, "Discard edits"); the editor's own
  // edits come back here as the same text and change nothing. A layout effect, not a passive one:
  // a passive effect runs a frame later, or when the next render starts, by which time the editor
  // may hold newer edits; its stale `text` then undid them, and under Preact each undo rendered
  // again and flushed the next stale effect, without end (the page hung). A layout effect runs in
  // the commit of the render that read `text`, when the two cannot differ by an edit.
  useLayoutEffect(() => editor.current?.setText(text), [text]);

  return (
    <div className="code-editor" data-testid="raw-editor" data-ready={ready}>
      <div ref={host} hidden={!ready} />
      {!ready && (
        <textarea className="code-editor__fallback mono" aria-label={label} aria-describedby={describedBy} value={text} spellCheck={false} rows={24} onChange={(event) => onChange(event.target.value)} />
      )}
    </div>
  );
}
