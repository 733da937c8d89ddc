import { useId, useState, type Ref } from 'react';
import type { SessionView } from '../../../shared/ipc/contract';
import { Notice } from '../../components/Notice';
import { strings } from '../../strings';
import { chatStrings } from './chat-strings';

export interface SessionListProps {
  sessions: SessionView[] | undefined;
  failed: boolean;
  selected: string | undefined;
  onSelect: (key: string) => void;
  onNew: () => void;
  disabled: boolean;
  /** The filter field, for Ctrl/⌘+K. */
  switcherRef?: Ref<HTMLInputElement>;
}

function matches(session: SessionView, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return needle === '' || session.title.toLowerCase().includes(needle) || session.key.toLowerCase().includes(needle);
}

/** The session switcher: a filter (Ctrl/⌘+K focuses it; Enter opens the first match) and the sessions, newest first. */
export function SessionList({ sessions, failed, selected, onSelect, onNew, disabled, switcherRef }: SessionListProps) {
  const filterId = useId();
  const [query, setQuery] = useState('');
  const shown = sessions?.filter((session) => matches(session, query));
  return (
    <nav className="sessions" aria-label={strings.chat.sessionsLabel}>
      <button type="button" className="button button--primary sessions__new" onClick={onNew} disabled={disabled}>
        {strings.chat.newSession}
      </button>
      <label htmlFor={filterId} className="sr-only">
        {chatStrings.switcherLabel}
      </label>
      <input
        ref={switcherRef}
        id={filterId}
        type="search"
        className="sessions__filter"
        placeholder={chatStrings.switcherPlaceholder}
        value={query}
        disabled={disabled}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          const first = shown?.[0];
          if (event.key === 'Enter' && first !== undefined) {
            event.preventDefault();
            onSelect(first.key);
            setQuery('');
          }
        }}
      />
      {failed && <Notice tone="error">{strings.common.loadFailed}</Notice>}
      {sessions !== undefined && sessions.length === 0 && <p className="muted">{strings.chat.noSessions}</p>}
      {sessions !== undefined && sessions.length > 0 && shown?.length === 0 && <p className="muted">{chatStrings.noMatches}</p>}
      <ul className="sessions__list">
        {shown?.map((session) => (
          <li key={session.key}>
            <button
              type="button"
              className="sessions__item"
              aria-current={session.key === selected ? 'true' : undefined}
              onClick={() => onSelect(session.key)}
            >
              <span className="sessions__title">{session.title || session.key}</span>
              {session.active && <span className="sessions__active" aria-hidden="true" />}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
