import { useId } from 'react';
import { composerKeyAction } from '../../keyboard/composer-keys';
import { strings } from '../../strings';

export interface ChatComposerProps {
  draft: string;
  onDraft: (text: string) => void;
  onSend: () => void;
  onAbort: () => void;
  /** A reply is on its way: Stop replaces Send. */
  busy: boolean;
  aborting: boolean;
  disabled: boolean;
}

export function ChatComposer({ draft, onDraft, onSend, onAbort, busy, aborting, disabled }: ChatComposerProps) {
  const id = useId();
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        onSend();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {strings.chat.inputLabel}
      </label>
      <textarea
        id={id}
        className="composer__input"
        value={draft}
        rows={2}
        placeholder={strings.chat.inputPlaceholder}
        disabled={disabled}
        onChange={(event) => onDraft(event.target.value)}
        onKeyDown={(event) => {
          const action = composerKeyAction(event.nativeEvent);
          if (action === 'pass') return;
          event.preventDefault();
          if (action === 'send' && !busy) onSend();
        }}
      />
      {busy ? (
        <button type="button" className="button button--danger" onClick={onAbort} disabled={aborting}>
          {strings.chat.abort}
        </button>
      ) : (
        <button type="submit" className="button button--primary" disabled={disabled || draft.trim() === ''}>
          {strings.chat.send}
        </button>
      )}
    </form>
  );
}
