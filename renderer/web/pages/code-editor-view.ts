/**
 * CodeMirror 6 for the raw config editor, in its own module so it is fetched only when the raw
 * editor first opens. JSON highlighting (lang-json): JSON5's comments and unquoted keys still
 * show, marked by the parser; the gateway parses JSON5 and says exactly what is wrong on save.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';

export interface CodeEditorHandle {
  setText(text: string): void;
  destroy(): void;
}

export function createCodeEditor(parent: HTMLElement, text: string, label: string, describedBy: string | undefined, onChange: (text: string) => void): CodeEditorHandle {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        history(),
        bracketMatching(),
        json(),
        // Classes, not inline colours: the page's light and dark themes colour them (pages.css).
        syntaxHighlighting(classHighlighter),
        // Tab indents; Escape then Tab leaves the editor (CodeMirror's keyboard-trap escape).
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label, ...(describedBy === undefined ? {} : { 'aria-describedby': describedBy }) }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setText(next) {
      if (next !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    destroy() {
      view.destroy();
    },
  };
}
