import { describe, expect, it } from 'vitest';
import type { ChatEventView, ToolCardView } from '../../../shared/ipc/contract.js';
import { chatTranscriptReducer, emptyTranscript, isBusy, retryableText, type ChatTranscript, type ChatTranscriptAction } from '../../../renderer/state/chat-transcript.js';

const session = 'chat-1';
const card = (state: ToolCardView['state'], extra: Partial<ToolCardView> = {}): ToolCardView => ({ id: 'c1', name: 'exec', command: 'ls', state, ...extra });
const event = (state: ChatEventView['state'], text: string, extra: Partial<ChatEventView> = {}): ChatTranscriptAction => ({
  type: 'event',
  event: { sessionKey: session, runId: 'run-1', state, text, ...extra },
  nowMs: 5,
});
const run = (actions: ChatTranscriptAction[], start: ChatTranscript = emptyTranscript(session)): ChatTranscript => actions.reduce(chatTranscriptReducer, start);
const user = (id: string, text: string): ChatTranscriptAction => ({ type: 'send', message: { id, role: 'user', text, timestamp: 1 } });

describe('chat transcript: reasoning, tool cards, retries', () => {
  it('streams reasoning and tool cards, and keeps them on the finished reply', () => {
    let transcript = run([user('u1', 'list'), { type: 'sent', runId: 'run-1' }, event('delta', '', { thinking: 'use ls', tools: [card('running')] })]);
    expect(transcript.streaming).toEqual({ runId: 'run-1', text: '', thinking: 'use ls', tools: [card('running')] });
    const before = transcript.messages;
    transcript = run([event('delta', '', { thinking: 'use ls', tools: [card('running', { approval: { state: 'pending', approvalId: 'a' } })] })], transcript);
    // A delta leaves the finished rows alone (they are not re-rendered).
    expect(transcript.messages).toBe(before);
    transcript = run([event('final', 'Two files.', { thinking: 'use ls', tools: [card('done', { output: 'a\nb' })] })], transcript);
    expect(transcript.streaming).toBeUndefined();
    expect(transcript.messages.at(-1)).toEqual({ id: 'run-1', role: 'assistant', text: 'Two files.', timestamp: 5, thinking: 'use ls', tools: [card('done', { output: 'a\nb' })] });
  });

  it('keeps an aborted run that only called tools, marked as stopped', () => {
    const transcript = run([event('delta', '', { tools: [card('running')] }), event('aborted', '', { tools: [card('running')] })]);
    expect(transcript.messages).toEqual([{ id: 'run-1', role: 'assistant', text: '', timestamp: 5, tools: [card('running')], aborted: true }]);
    expect(isBusy(transcript)).toBe(false);
  });

  it('drops an aborted run that said nothing', () => {
    expect(run([event('delta', ''), event('aborted', '')]).messages).toEqual([]);
  });

  it('keeps an errored run’s partial reply and reasoning, and reports the problem', () => {
    const transcript = run([event('delta', 'Half', { thinking: 'hmm' }), event('error', 'Half', { thinking: 'hmm', error: 'rate limited' })]);
    expect(transcript.messages).toEqual([{ id: 'run-1', role: 'assistant', text: 'Half', timestamp: 5, thinking: 'hmm', error: 'rate limited' }]);
    expect(transcript.problem).toEqual({ message: 'rate limited', needsProvider: false });
  });

  it('ignores malformed parts in an event', () => {
    const transcript = run([{ type: 'event', event: { sessionKey: session, runId: 'run-1', state: 'delta', text: 'x', thinking: 42, tools: 'no' } as unknown as ChatEventView, nowMs: 1 }]);
    expect(transcript.streaming).toEqual({ runId: 'run-1', text: 'x' });
  });

  it('offers the last prompt for Retry only while nothing is running', () => {
    let transcript = run([user('u1', 'first'), { type: 'sent', runId: 'run-1' }]);
    expect(retryableText(transcript)).toBeUndefined();
    transcript = run([event('error', '', { error: 'boom' })], transcript);
    expect(retryableText(transcript)).toBe('first');
    transcript = run([user('u2', 'second')], transcript);
    expect(retryableText(transcript)).toBeUndefined();
    transcript = run([{ type: 'sendFailed', messageId: 'u2', message: 'offline' }], transcript);
    expect(retryableText(transcript)).toBe('first');
    expect(retryableText(emptyTranscript(session))).toBeUndefined();
  });
});
