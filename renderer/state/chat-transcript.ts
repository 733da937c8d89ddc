/**
 * The chat window's transcript of one session as a reducer: history read from main, the
 * person's own messages as soon as they are sent, and streamed `chat:event`s. Each event
 * carries the cumulative text of its run and its parts so far (reasoning, tool cards), so a
 * delta replaces the streaming state instead of appending to it, and a late delta after its run
 * finished is ignored. A delta leaves `messages` as it is, so finished rows need no re-render.
 */
import type { ChatEventView, ChatHistoryView, ChatMessageView, ChatRunParts } from '../../shared/ipc/contract.js';

export interface ChatProblem {
  message: string;
  /** The fix is to configure a model provider in Settings. */
  needsProvider: boolean;
}

export interface ChatTranscript {
  sessionKey: string;
  messages: ChatMessageView[];
  streaming?: { runId: string; text: string } & ChatRunParts;
  /** A send request is on its way to main. */
  sending: boolean;
  problem?: ChatProblem;
  /** Runs already final, aborted or failed: later events for them are stale. */
  finishedRunIds: readonly string[];
  /**
   * Ids of the messages this view added itself (the person's sends, finished replies) since the
   * history was last asked for ('open'): newer than the history's answer, they stay when it arrives.
   */
  appendedSinceOpen: readonly string[];
}

export type ChatTranscriptAction =
  /** A session is shown; its history is asked for right after. */
  | { type: 'open'; sessionKey: string }
  | { type: 'history'; history: ChatHistoryView }
  | { type: 'send'; message: ChatMessageView }
  | { type: 'sent'; runId?: string }
  /** The send was refused: the person's message is taken back (the composer gets it again). */
  | { type: 'sendFailed'; messageId: string; message: string; needsProvider?: boolean }
  | { type: 'event'; event: ChatEventView; nowMs: number }
  | { type: 'dismissProblem' };

const keptFinishedRuns = 50;

export function emptyTranscript(sessionKey: string): ChatTranscript {
  return { sessionKey, messages: [], sending: false, finishedRunIds: [], appendedSinceOpen: [] };
}

export function isBusy(transcript: ChatTranscript): boolean {
  return transcript.sending || transcript.streaming !== undefined;
}

/** The person's last message, which Retry sends again; none while a reply is on its way. */
export function retryableText(transcript: ChatTranscript): string | undefined {
  if (isBusy(transcript)) return undefined;
  for (let index = transcript.messages.length - 1; index >= 0; index -= 1) {
    const message = transcript.messages[index];
    if (message?.role === 'user' && message.text.trim() !== '') return message.text;
  }
  return undefined;
}

function finishRun(transcript: ChatTranscript, runId: string, message: ChatMessageView | undefined): ChatTranscript {
  const messages = transcript.messages.filter((existing) => existing.id !== runId);
  if (message !== undefined) messages.push(message);
  const streaming = transcript.streaming?.runId === runId ? undefined : transcript.streaming;
  return {
    ...transcript,
    messages,
    ...(message !== undefined ? { appendedSinceOpen: [...transcript.appendedSinceOpen, message.id] } : {}),
    streaming,
    finishedRunIds: [...transcript.finishedRunIds, runId].slice(-keptFinishedRuns),
  };
}

/** The reasoning and tool cards an event carries (only well-formed ones). */
function runParts(event: ChatEventView): ChatRunParts {
  return {
    ...(typeof event.thinking === 'string' && event.thinking !== '' ? { thinking: event.thinking } : {}),
    ...(Array.isArray(event.tools) && event.tools.length > 0 ? { tools: event.tools } : {}),
  };
}

function applyEvent(transcript: ChatTranscript, event: ChatEventView, nowMs: number): ChatTranscript {
  if (event.sessionKey !== transcript.sessionKey) return transcript;
  if (transcript.finishedRunIds.includes(event.runId)) return transcript;
  const text = typeof event.text === 'string' ? event.text : '';
  const parts = runParts(event);
  const said = text !== '' || parts.thinking !== undefined || parts.tools !== undefined;
  const assistant = (extra: Partial<ChatMessageView>): ChatMessageView => ({
    id: event.runId,
    role: 'assistant',
    text,
    timestamp: nowMs,
    ...parts,
    ...extra,
  });
  switch (event.state) {
    case 'delta':
      return { ...transcript, streaming: { runId: event.runId, text, ...parts } };
    case 'final':
      return { ...finishRun(transcript, event.runId, assistant({})), problem: undefined };
    case 'aborted':
      return finishRun(transcript, event.runId, said ? assistant({ aborted: true }) : undefined);
    case 'error': {
      const message = event.error ?? '';
      const finished = finishRun(transcript, event.runId, said ? assistant({ error: message }) : undefined);
      return { ...finished, problem: { message, needsProvider: event.needsProvider === true } };
    }
    default:
      return transcript;
  }
}

export function chatTranscriptReducer(transcript: ChatTranscript, action: ChatTranscriptAction): ChatTranscript {
  switch (action.type) {
    case 'open':
      if (action.sessionKey !== transcript.sessionKey) return emptyTranscript(action.sessionKey);
      return { ...transcript, appendedSinceOpen: [] };
    case 'history': {
      if (action.history.sessionKey !== transcript.sessionKey) return transcript;
      // The gateway answers in order, so the history holds nothing sent or finished here after it
      // was asked for: a send made before it arrived stays, after the history's messages.
      const newer = new Set(transcript.appendedSinceOpen);
      const kept = transcript.messages.filter((message) => newer.has(message.id));
      const keptIds = new Set(kept.map((message) => message.id));
      const messages = [...action.history.messages.filter((message) => !keptIds.has(message.id)), ...kept];
      // A run the history saw streaming may have finished here since.
      const read = action.history.streaming;
      const streaming = read !== undefined && !transcript.finishedRunIds.includes(read.runId) ? read : transcript.streaming;
      return { ...transcript, messages, streaming };
    }
    case 'send':
      return {
        ...transcript,
        messages: [...transcript.messages, action.message],
        appendedSinceOpen: [...transcript.appendedSinceOpen, action.message.id],
        sending: true,
        problem: undefined,
      };
    case 'sent': {
      // Until the first delta, the run streams empty text ("Thinking…", and Stop is offered),
      // unless its events overtook the answer.
      const runId = action.runId;
      if (runId === undefined || transcript.streaming !== undefined || transcript.finishedRunIds.includes(runId)) {
        return { ...transcript, sending: false };
      }
      return { ...transcript, sending: false, streaming: { runId, text: '' } };
    }
    case 'sendFailed':
      return {
        ...transcript,
        messages: transcript.messages.filter((message) => message.id !== action.messageId),
        sending: false,
        problem: { message: action.message, needsProvider: action.needsProvider === true },
      };
    case 'event':
      return applyEvent(transcript, action.event, action.nowMs);
    case 'dismissProblem':
      return { ...transcript, problem: undefined };
  }
}
