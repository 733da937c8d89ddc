import { useCallback, useState, type FormEvent } from 'react';
import { describeFailure } from '../../../client/describe-failure';
import {
  compactSession,
  deleteSession,
  describeCompaction,
  listSessions,
  renameSession,
  resetSession,
  sessionActions,
  sessionTitle,
  setSessionModel,
  type SessionAction,
} from '../../../client/sessions/sessions-service';
import type { SessionRow } from '../../../shared/protocol/sessions/results';
import { Notice } from '../../components/Notice';
import type { GatewaySession } from '../gateway-session';
import { Loading, PageFrame } from './PageFrame';
import { useGatewayRead } from '../../hooks/useGatewayRead';

type Editing = { key: string; action: SessionAction } | undefined;

const confirmText: Record<'reset' | 'delete' | 'compact', (title: string) => string> = {
  reset: (title) => `Reset “${title}”? Its history is cleared and the next message starts a new conversation.`,
  delete: (title) => `Delete “${title}” and its transcript? This cannot be undone.`,
  compact: (title) => `Compact “${title}”? Older messages leave the model's context (summarized when a model is configured).`,
};

function formatWhen(ms: number | null | undefined): string {
  return ms === undefined || ms === null ? '—' : new Date(ms).toLocaleString();
}

export function SessionsPage({ session }: { session: GatewaySession }) {
  const actions = sessionActions(session.methods);
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const read = useCallback(() => listSessions(session.request, query), [session, query]);
  const list = useGatewayRead(read);
  const [editing, setEditing] = useState<Editing>(undefined);
  const [draft, setDraft] = useState('');
  const [outcome, setOutcome] = useState<{ tone: 'info' | 'error'; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setOutcome({ tone: 'info', text: await work() });
      setEditing(undefined);
      await list.reload();
    } catch (error) {
      setOutcome({ tone: 'error', text: describeFailure(error) });
    } finally {
      setBusy(false);
    }
  };

  const start = (row: SessionRow, action: SessionAction) => {
    setEditing({ key: row.key, action });
    setDraft(action === 'rename' ? (row.label ?? '') : action === 'model' ? (row.model === undefined ? '' : row.modelProvider ? `${row.modelProvider}/${row.model}` : row.model) : '');
    setOutcome(undefined);
  };

  const submit = (row: SessionRow) => (event: FormEvent) => {
    event.preventDefault();
    const title = sessionTitle(row);
    switch (editing?.action) {
      case 'rename':
        return void run(async () => `Renamed to “${sessionTitle(await renameSession(session.request, row.key, draft))}”.`);
      case 'model':
        return void run(async () => {
          const entry = await setSessionModel(session.request, row.key, draft);
          return draft.trim() === '' ? `“${title}” uses the default model again.` : `“${title}” now uses ${entry.model ?? draft.trim()}.`;
        });
      case 'reset':
        return void run(async () => {
          await resetSession(session.request, row);
          return `“${title}” was reset.`;
        });
      case 'delete':
        return void run(async () => ((await deleteSession(session.request, row.key)) ? `“${title}” was deleted.` : `“${title}” was already gone.`));
      case 'compact':
        return void run(async () => describeCompaction(await compactSession(session.request, row.key)));
      default:
        return undefined;
    }
  };

  return (
    <PageFrame name="sessions" title="Sessions" onRefresh={() => void list.reload()} refreshing={list.loading}>
      <form
        className="page-toolbar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(search);
        }}
      >
        <label htmlFor="sessions-search" className="sr-only">
          Search sessions
        </label>
        <input id="sessions-search" type="search" value={search} maxLength={500} placeholder="Search by name, key or message" onChange={(event) => setSearch(event.target.value)} />
        <button type="submit" className="button button--small">
          Search
        </button>
      </form>
      {outcome !== undefined && <Notice tone={outcome.tone}>{outcome.text}</Notice>}
      {list.problem !== undefined && <Notice tone="error">Could not list sessions: {list.problem}</Notice>}
      {list.value === undefined ? (
        list.problem === undefined && <Loading />
      ) : list.value.sessions.length === 0 ? (
        <p className="muted">{query === '' ? 'No sessions yet: a chat or a channel message starts one.' : `No session matches “${query}”.`}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {list.value.total === 1 ? '1 session' : `${list.value.total} sessions`}
            {list.value.defaultModel === undefined ? '' : ` · default model ${list.value.defaultModel}`}
          </p>
          <ul className="page-list" data-testid="sessions-list">
            {list.value.sessions.map((row) => {
              const title = sessionTitle(row);
              const open = editing?.key === row.key ? editing.action : undefined;
              return (
                <li key={row.key} className="page-card" data-testid="session-row">
                  <div className="page-card__head">
                    <h2 className="page-card__title">{title}</h2>
                    {row.active && <span className="badge">Running</span>}
                  </div>
                  <dl className="page-facts">
                    <div>
                      <dt>Key</dt>
                      <dd className="mono">{row.key}</dd>
                    </div>
                    <div>
                      <dt>Model</dt>
                      <dd>{row.model === undefined ? 'default' : row.modelProvider ? `${row.modelProvider}/${row.model}` : row.model}</dd>
                    </div>
                    <div>
                      <dt>Tokens</dt>
                      <dd>{row.totalTokens ?? 0}</dd>
                    </div>
                    <div>
                      <dt>Updated</dt>
                      <dd>{formatWhen(row.updatedAt)}</dd>
                    </div>
                  </dl>
                  {row.lastMessage !== undefined && (
                    <p className="page-card__preview">
                      <span className="muted">{row.lastMessage.role}:</span> {row.lastMessage.text}
                    </p>
                  )}
                  {open === undefined ? (
                    <div className="page-actions">
                      {actions.rename && (
                        <button type="button" className="button button--small" onClick={() => start(row, 'rename')} aria-label={`Rename ${title}`}>
                          Rename
                        </button>
                      )}
                      {actions.model && (
                        <button type="button" className="button button--small" onClick={() => start(row, 'model')} aria-label={`Change model of ${title}`}>
                          Model
                        </button>
                      )}
                      {actions.compact && (
                        <button type="button" className="button button--small" onClick={() => start(row, 'compact')} aria-label={`Compact ${title}`}>
                          Compact
                        </button>
                      )}
                      {actions.reset && (
                        <button type="button" className="button button--small button--warning" onClick={() => start(row, 'reset')} aria-label={`Reset ${title}`}>
                          Reset
                        </button>
                      )}
                      {actions.delete && (
                        <button type="button" className="button button--small button--danger" onClick={() => start(row, 'delete')} aria-label={`Delete ${title}`}>
                          Delete
                        </button>
                      )}
                    </div>
                  ) : (
                    <form className="page-confirm" onSubmit={submit(row)} aria-label={`${open} ${title}`}>
                      {open === 'rename' || open === 'model' ? (
                        <>
                          <label htmlFor={`session-${open}`}>{open === 'rename' ? 'Name (empty clears it)' : 'Model as provider/model (empty for the default)'}</label>
                          <input
                            id={`session-${open}`}
                            value={draft}
                            maxLength={open === 'rename' ? 512 : 300}
                            placeholder={open === 'model' ? list.value?.defaultModel : undefined}
                            onChange={(event) => setDraft(event.target.value)}
                            autoFocus
                          />
                        </>
                      ) : (
                        <p role="alert">{confirmText[open](title)}</p>
                      )}
                      <div className="page-actions">
                        <button type="submit" className={`button button--small ${open === 'delete' ? 'button--danger' : 'button--primary'}`} disabled={busy}>
                          {open === 'rename' ? 'Save name' : open === 'model' ? 'Save model' : open === 'delete' ? 'Delete' : open === 'reset' ? 'Reset' : 'Compact'}
                        </button>
                        <button type="button" className="button button--small button--quiet" onClick={() => setEditing(undefined)} disabled={busy}>
                          Cancel
                        </button>
                      </div>
                    </form>
                  )}
                </li>
              );
            })}
          </ul>
          {list.value.hasMore && <p className="muted">Showing the newest {list.value.sessions.length}; search to find older ones.</p>}
        </>
      )}
    </PageFrame>
  );
}
