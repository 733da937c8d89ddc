import type { SessionView } from '../../../shared/ipc/contract';
import { Notice } from '../../components/Notice';
import { strings } from '../../strings';

export interface SessionListProps {
  sessions: SessionView[] | undefined;
  failed: boolean;
  selected: string | undefined;
  onSelect: (key: string) => void;
  onNew: () => void;
  disabled: boolean;
}

export function SessionList({ sessions, failed, selected, onSelect, onNew, disabled }: SessionListProps) {
  return (
    <nav className="sessions" aria-label={strings.chat.sessionsLabel}>
      <button type="button" className="button button--primary sessions__new" onClick={onNew} disabled={disabled}>
        {strings.chat.newSession}
      </button>
      {failed && <Notice tone="error">{strings.common.loadFailed}</Notice>}
      {sessions !== undefined && sessions.length === 0 && <p className="muted">{strings.chat.noSessions}</p>}
      <ul className="sessions__list">
        {sessions?.map((session) => (
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
