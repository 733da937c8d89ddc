import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ChatEventView, GatehouseBridge, ModelView, SessionView } from '../../shared/ipc/contract';
import { lazyComponent, useLazyComponent } from '../components/lazy-component';
import { Notice } from '../components/Notice';
import { ViewFrame } from '../components/ViewFrame';
import { errorMessage } from '../format/error-message';
import { useAction } from '../hooks/useAction';
import { isRecord, useBridgeEvent } from '../hooks/useLiveValue';
import { chatTranscriptReducer, emptyTranscript, isBusy, retryableText } from '../state/chat-transcript';
import { newSessionKey } from '../state/session-key';
import { strings } from '../strings';
import { chatKeyAction } from './chat/chat-keys';
import { chatStrings } from './chat/chat-strings';
import { ChatComposer } from './chat/ChatComposer';
import { ModelPicker } from './chat/ModelPicker';
import { SessionList } from './chat/SessionList';
import { ShortcutHelp } from './chat/ShortcutHelp';
import '../styles/chat-rendering.css';

// The transcript brings Markdown rendering, code highlighting and the virtualised list, most of the
// chat's code: its own chunk, fetched when the chat first renders, so the session list and the
// composer can be used before it has arrived. It is not a Suspense boundary: React would hold the
// transcript back until 300 ms after a fallback appeared.
const transcriptView = lazyComponent(() => import('./chat/ChatTranscriptView').then((module) => module.ChatTranscriptView));

export interface ChatWindowProps {
  bridge: GatehouseBridge | undefined;
}

function isChatEvent(value: unknown): value is ChatEventView {
  return isRecord(value) && typeof value['sessionKey'] === 'string' && typeof value['runId'] === 'string';
}

function byRecent(a: SessionView, b: SessionView): number {
  return b.updatedAt - a.updatedAt;
}

/** Sessions on the left; the chosen session's model, transcript and composer on the right. */
export function ChatWindow({ bridge }: ChatWindowProps) {
  const [sessions, setSessions] = useState<SessionView[] | undefined>(undefined);
  const [sessionsFailed, setSessionsFailed] = useState(false);
  const [models, setModels] = useState<ModelView[]>([]);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [transcript, dispatch] = useReducer(chatTranscriptReducer, '', emptyTranscript);
  const [draft, setDraft] = useState('');
  const [historyFailed, setHistoryFailed] = useState(false);
  const side = useAction<'abort' | 'model' | 'settings' | 'approvals'>();
  const transcriptChunk = useLazyComponent(transcriptView);

  // Sessions started here that the gateway does not list yet (it learns of them on first send).
  const localSessions = useRef<SessionView[]>([]);

  const refreshSessions = useCallback(async (): Promise<SessionView[] | undefined> => {
    if (!bridge) return undefined;
    try {
      const listed = await bridge.invoke('chat:listSessions');
      const list = Array.isArray(listed) ? [...listed].sort(byRecent) : [];
      localSessions.current = localSessions.current.filter((local) => !list.some((session) => session.key === local.key));
      setSessions([...localSessions.current, ...list]);
      setSessionsFailed(false);
      return list;
    } catch {
      setSessionsFailed(true);
      return undefined;
    }
  }, [bridge]);

  const sessionsRef = useRef(sessions);
  sessionsRef.current = sessions;
  const startSession = useCallback(() => {
    const list = sessionsRef.current ?? [];
    const now = Date.now();
    const created: SessionView = {
      key: newSessionKey(now, new Set(list.map((session) => session.key))),
      title: strings.chat.newSessionTitle,
      updatedAt: now,
      active: false,
    };
    localSessions.current = [created, ...localSessions.current];
    sessionsRef.current = [created, ...list];
    setSessions(sessionsRef.current);
    setSelected(created.key);
  }, []);

  // First load: sessions (pick the most recent, or start one) and models.
  useEffect(() => {
    if (!bridge) return;
    let current = true;
    void refreshSessions().then((list) => {
      if (!current) return;
      if (list !== undefined && list.length > 0) setSelected((previous) => previous ?? list[0]?.key);
      else startSession();
    });
    bridge.invoke('chat:listModels').then(
      (list) => current && Array.isArray(list) && setModels(list),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [bridge, refreshSessions, startSession]);

  // Opening a session: its history.
  useEffect(() => {
    if (!bridge || selected === undefined) return;
    let current = true;
    dispatch({ type: 'open', sessionKey: selected });
    setHistoryFailed(false);
    bridge.invoke('chat:history', { sessionKey: selected }).then(
      (history) => current && isRecord(history) && Array.isArray(history.messages) && dispatch({ type: 'history', history }),
      () => current && setHistoryFailed(true),
    );
    return () => {
      current = false;
    };
  }, [bridge, selected]);

  useBridgeEvent(bridge, 'chat:event', (event) => {
    if (!isChatEvent(event)) return;
    dispatch({ type: 'event', event, nowMs: Date.now() });
    if (event.state !== 'delta') void refreshSessions();
  });

  /** Sends `text` (the draft, or the last message again for Retry); a refused send gives the draft back. */
  const sendText = async (text: string, fromDraft: boolean): Promise<void> => {
    if (!bridge || selected === undefined || text === '' || isBusy(transcript)) return;
    const messageId = `local-${Date.now()}`;
    dispatch({ type: 'send', message: { id: messageId, role: 'user', text, timestamp: Date.now() } });
    if (fromDraft) setDraft('');
    try {
      const result = await bridge.invoke('chat:send', { sessionKey: selected, text });
      if (result?.ok) dispatch({ type: 'sent', runId: result.runId });
      else {
        dispatch({
          type: 'sendFailed',
          messageId,
          message: result?.message || strings.chat.genericError,
          needsProvider: result?.needsProvider === true,
        });
        setDraft((current) => (current === '' ? text : current));
      }
    } catch (error) {
      dispatch({ type: 'sendFailed', messageId, message: errorMessage(error, strings.chat.genericError) });
      setDraft((current) => (current === '' ? text : current));
    }
  };

  const send = (): Promise<void> => sendText(draft.trim(), true);
  const retryText = retryableText(transcript);
  const retry = (): void => {
    if (retryText !== undefined) void sendText(retryText, false);
  };

  const abort = (): void => {
    if (bridge && selected !== undefined && side.pending !== 'abort') void side.run('abort', () => bridge.invoke('chat:abort', { sessionKey: selected }));
  };
  // Stable, so the transcript's finished rows are not re-rendered by each streamed chunk.
  const runSide = side.run;
  const reviewApproval = useCallback((): void => {
    if (bridge) void runSide('approvals', () => bridge.invoke('window:open', { view: 'approvals' }));
  }, [bridge, runSide]);

  // Esc stops the running reply and Ctrl/⌘+K finds a session, wherever the focus is in the window.
  const switcher = useRef<HTMLInputElement>(null);
  const keysRef = useRef({ busy: false, abort });
  keysRef.current = { busy: isBusy(transcript), abort };
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const action = chatKeyAction(event, keysRef.current.busy);
      if (action === 'pass' || event.defaultPrevented) return;
      event.preventDefault();
      if (action === 'stop') keysRef.current.abort();
      else switcher.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const openSettings = (): void => {
    if (bridge) void side.run('settings', () => bridge.invoke('window:open', { view: 'settings' }));
  };
  const chooseModel = (model: string): void => {
    if (!bridge || selected === undefined) return;
    void side.run('model', () => bridge.invoke('chat:setModel', { sessionKey: selected, model })).then((ok) => {
      if (ok) setSessions((list) => list?.map((session) => (session.key === selected ? { ...session, model } : session)));
    });
  };

  const session = sessions?.find((candidate) => candidate.key === selected);
  const problem = transcript.problem;

  return (
    <ViewFrame name="chat" title={strings.chat.title} bridge={bridge} className="chat">
      <div className="chat__layout">
        <SessionList
          sessions={sessions}
          failed={sessionsFailed}
          selected={selected}
          onSelect={setSelected}
          onNew={startSession}
          disabled={!bridge}
          switcherRef={switcher}
        />
        <section className="chat__main" aria-label={session?.title ?? strings.chat.transcriptLabel}>
          <div className="chat-toolbar">
            <ModelPicker models={models} value={session?.model} onChange={chooseModel} disabled={!bridge || side.pending === 'model'} />
            <span className="chat-toolbar__end">
              {retryText !== undefined && (
                <button type="button" className="button button--quiet button--small" onClick={retry} aria-label={chatStrings.retryLabel} title={chatStrings.retryLabel}>
                  {chatStrings.retry}
                </button>
              )}
              <ShortcutHelp />
            </span>
          </div>
          {historyFailed && <Notice tone="error">{strings.chat.historyFailed}</Notice>}
          {transcriptChunk.state === 'ready' ? (
            <transcriptChunk.Component transcript={transcript} onReviewApproval={bridge ? reviewApproval : undefined} />
          ) : transcriptChunk.state === 'failed' ? (
            <Notice tone="error">{strings.chat.transcriptFailed}</Notice>
          ) : (
            <p className="chat-transcript chat-transcript--loading muted" role="status">
              {strings.chat.transcriptLoading}
            </p>
          )}
          {problem !== undefined && (
            <Notice tone="error" className="chat__problem">
              <span>{problem.needsProvider ? problem.message || strings.chat.needsProvider : problem.message || strings.chat.genericError}</span>
              <span className="notice__actions">
                {problem.needsProvider && (
                  <button type="button" className="button button--primary button--small" onClick={openSettings}>
                    {strings.chat.openSettings}
                  </button>
                )}
                <button type="button" className="button button--quiet button--small" onClick={() => dispatch({ type: 'dismissProblem' })}>
                  {strings.chat.dismiss}
                </button>
              </span>
            </Notice>
          )}
          {side.failure !== undefined && <Notice tone="error">{side.failure}</Notice>}
          <ChatComposer
            draft={draft}
            onDraft={setDraft}
            onSend={() => void send()}
            onAbort={abort}
            busy={isBusy(transcript)}
            aborting={side.pending === 'abort'}
            disabled={!bridge || selected === undefined}
          />
        </section>
      </div>
    </ViewFrame>
  );
}
