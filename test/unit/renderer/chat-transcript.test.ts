import { describe, expect, it } from 'vitest';
import type { ChatEventView } from '../../../shared/ipc/contract.js';
import {
  chatTranscriptReducer,
  emptyTranscript,
  isBusy,
  type ChatTranscript,
  type ChatTranscriptAction,
} from '../../../renderer/state/chat-transcript.js';

const session = 'agent:main:main';

function event(state: ChatEventView['state'], text: string, extra: Partial<ChatEventView> = {}): ChatTranscriptAction {
  return { type: 'event', event: { sessionKey: session, runId: 'run-1', state, text, ...extra }, nowMs: 1_000 };
}

function run(actions: ChatTranscriptAction[], start: ChatTranscript = emptyTranscript(session)): ChatTranscript {
  return actions.reduce(chatTranscriptReducer, start);
}

const userMessage = { id: 'local-1', role: 'user' as const, text: 'hi', timestamp: 1 };

describe('chat transcript', () => {
  it('replaces the streaming text with each cumulative delta, then keeps the final reply', () => {
    let transcript = run([{ type: 'send', message: userMessage }, { type: 'sent', runId: 'run-1' }]);
    expect(transcript.streaming).toEqual({ runId: 'run-1', text: '' });
    expect(isBusy(transcript)).toBe(true);

    transcript = run([event('delta', 'Hel'), event('delta', 'Hello, wor')], transcript);
    expect(transcript.streaming).toEqual({ runId: 'run-1', text: 'Hello, wor' });

    transcript = run([event('final', 'Hello, world')], transcript);
    expect(transcript.streaming).toBeUndefined();
    expect(transcript.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'hi'],
      ['assistant', 'Hello, world'],
    ]);
    expect(isBusy(transcript)).toBe(false);
  });

  it('ignores a delta that arrives after its run finished', () => {
    const transcript = run([event('delta', 'Hel'), event('final', 'Hello'), event('delta', 'Hel')]);
    expect(transcript.streaming).toBeUndefined();
    expect(transcript.messages).toHaveLength(1);
  });

  it('does not start a "thinking" run whose events overtook the send answer', () => {
    const transcript = run([{ type: 'send', message: userMessage }, event('final', 'Done'), { type: 'sent', runId: 'run-1' }]);
    expect(transcript.streaming).toBeUndefined();
    expect(isBusy(transcript)).toBe(false);
  });

  it('ignores events of other sessions', () => {
    const transcript = run([event('delta', 'x', { sessionKey: 'agent:main:other' })]);
    expect(transcript.streaming).toBeUndefined();
  });

  it('keeps the partial text of an aborted run, marked as stopped', () => {
    const transcript = run([event('delta', 'Let me'), event('aborted', 'Let me')]);
    expect(transcript.messages).toEqual([{ id: 'run-1', role: 'assistant', text: 'Let me', timestamp: 1_000, aborted: true }]);
    expect(transcript.problem).toBeUndefined();
  });

  it('drops an aborted run that had said nothing yet', () => {
    expect(run([event('aborted', '')]).messages).toEqual([]);
  });

  it('reports an error, and whether Settings can fix it', () => {
    const transcript = run([event('error', '', { error: 'No model provider is configured.', needsProvider: true })]);
    expect(transcript.problem).toEqual({ message: 'No model provider is configured.', needsProvider: true });
    expect(transcript.streaming).toBeUndefined();
    expect(run([{ type: 'dismissProblem' }], transcript).problem).toBeUndefined();
  });

  it('takes the message back when sending is refused', () => {
    const transcript = run([
      { type: 'send', message: userMessage },
      { type: 'sendFailed', messageId: 'local-1', message: 'Not connected.' },
    ]);
    expect(transcript.messages).toEqual([]);
    expect(transcript.problem).toEqual({ message: 'Not connected.', needsProvider: false });
    expect(isBusy(transcript)).toBe(false);
  });

  it('loads history for its own session only, keeping a run still streaming', () => {
    const history = {
      sessionKey: session,
      messages: [{ id: 'm1', role: 'assistant' as const, text: 'Earlier', timestamp: 5 }],
      streaming: { runId: 'run-7', text: 'half' },
    };
    const transcript = run([{ type: 'history', history }]);
    expect(transcript.messages).toEqual(history.messages);
    expect(transcript.streaming).toEqual({ runId: 'run-7', text: 'half' });
    expect(run([{ type: 'history', history: { ...history, sessionKey: 'other' } }]).messages).toEqual([]);
  });

  it('keeps a message sent before the history answered, after the history (the history was read before it)', () => {
    const earlier = { id: 'm1', role: 'assistant' as const, text: 'Earlier', timestamp: 5 };
    let transcript = run([{ type: 'open', sessionKey: session }, { type: 'send', message: userMessage }, { type: 'sent', runId: 'run-1' }]);
    transcript = run([{ type: 'history', history: { sessionKey: session, messages: [earlier] } }], transcript);
    expect(transcript.messages).toEqual([earlier, userMessage]);
    expect(transcript.streaming).toEqual({ runId: 'run-1', text: '' });

    transcript = run([event('final', 'Hello')], transcript);
    expect(transcript.messages.map((m) => [m.role, m.text])).toEqual([
      ['assistant', 'Earlier'],
      ['user', 'hi'],
      ['assistant', 'Hello'],
    ]);
  });

  it('keeps a reply that finished before the history answered', () => {
    const transcript = run([
      { type: 'open', sessionKey: session },
      { type: 'send', message: userMessage },
      { type: 'sent', runId: 'run-1' },
      event('final', 'Hello'),
      { type: 'history', history: { sessionKey: session, messages: [] } },
    ]);
    expect(transcript.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'hi'],
      ['assistant', 'Hello'],
    ]);
    expect(transcript.streaming).toBeUndefined();
  });

  it('takes a history asked for after a send as it is: it holds that send already', () => {
    const stored = [
      { id: 'h1', role: 'user' as const, text: 'hi', timestamp: 1 },
      { id: 'h2', role: 'assistant' as const, text: 'Hello', timestamp: 2 },
    ];
    const transcript = run([
      { type: 'open', sessionKey: session },
      { type: 'send', message: userMessage },
      { type: 'sent', runId: 'run-1' },
      event('final', 'Hello'),
      { type: 'open', sessionKey: session },
      { type: 'history', history: { sessionKey: session, messages: stored } },
    ]);
    expect(transcript.messages).toEqual(stored);
  });

  it('does not bring back as streaming a run that finished before the history answered', () => {
    const transcript = run([
      { type: 'open', sessionKey: session },
      event('final', 'Hello'),
      { type: 'history', history: { sessionKey: session, messages: [], streaming: { runId: 'run-1', text: 'Hel' } } },
    ]);
    expect(transcript.streaming).toBeUndefined();
    expect(transcript.messages.map((m) => m.text)).toEqual(['Hello']);
  });

  it('starts empty when another session is opened', () => {
    const transcript = run([event('final', 'Hello'), { type: 'open', sessionKey: 'chat-1' }]);
    expect(transcript).toEqual(emptyTranscript('chat-1'));
  });
});
