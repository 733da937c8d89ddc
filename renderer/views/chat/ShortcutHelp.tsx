import { useId, useState } from 'react';
import { chatStrings } from './chat-strings';

/** A "?" button whose tooltip lists the chat's keys; it shows on hover and on keyboard focus. */
export function ShortcutHelp() {
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <span className="chat-help" onMouseEnter={() => setShown(true)} onMouseLeave={() => setShown(false)}>
      <button
        type="button"
        className="button button--quiet button--small chat-help__button"
        aria-label={chatStrings.shortcutsLabel}
        aria-describedby={id}
        onFocus={() => setShown(true)}
        onBlur={() => setShown(false)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && shown) {
            event.stopPropagation();
            setShown(false);
          }
        }}
      >
        ?
      </button>
      <span id={id} role="tooltip" className="chat-help__tooltip" hidden={!shown}>
        {chatStrings.shortcuts.map(([keys, what]) => (
          <span key={keys} className="chat-help__row">
            <kbd>{keys}</kbd> {what}
          </span>
        ))}
      </span>
    </span>
  );
}
