import { describe, expect, it } from 'vitest';
import { ChatRelay } from '../../../client/chat/chat-relay.js';
import type { ChatEventView } from '../../../shared/ipc/contract.js';

function relay() {
  const events: ChatEventView[] = [];
  const requests: { method: string; params: unknown }[] = [];
  const chat = new ChatRelay({
    request: async (method, params) => {
      requests.push({ method, params });
      return { runId: 'run-1', status: 'started' };
    },
    emit: (event) => events.push(event),
    newRunId: () => 'run-1',
    connected: () => true,
  });
  return { chat, events, requests };
}

const message = (text: string) => ({ role: 'assistant', content: [{ type: 'text', text }], timestamp: 1 });
const agent = (seq: number, stream: string, data: unknown) => ({ runId: 'run-1', seq, ts: 1, stream, data });

describe('chat relay: tool calls, reasoning and approvals of a streaming run', () => {
  it('carries thinking and tool cards (with their approval) into the run’s events', async () => {
    const { chat, events } = relay();
    await chat.send('chat-1', 'list files');
    chat.onGatewayEvent('agent', agent(1, 'lifecycle', { phase: 'start', startedAt: 1, sessionKey: 'agent:main:chat-1' }));
    chat.onGatewayEvent('agent', agent(2, 'thinking', { text: 'ls', delta: 'ls' }));
    chat.onGatewayEvent('agent', agent(3, 'thinking', { text: 'ls will do', delta: ' will do' }));
    chat.onGatewayEvent('agent', agent(4, 'tool', { phase: 'start', name: 'exec', toolCallId: 'c1', args: { command: 'ls' } }));
    chat.onGatewayEvent('exec.approval.requested', { id: 'ap-1', request: { command: 'ls', host: 'gateway', runId: 'run-1', toolCallId: 'c1' }, createdAtMs: 1, expiresAtMs: 2 });
    chat.onGatewayEvent('exec.approval.resolved', { id: 'ap-1', decision: 'allow-once', resolvedBy: 'client:x', ts: 2, request: { command: 'ls', host: 'gateway', runId: 'run-1', toolCallId: 'c1' } });
    chat.onGatewayEvent('agent', agent(5, 'tool', { phase: 'result', name: 'exec', toolCallId: 'c1', result: { status: 'ran', exitCode: 0, stdout: 'a\n', stderr: '', approvalId: 'ap-1' }, isError: false }));
    chat.onGatewayEvent('chat', { runId: 'run-1', sessionKey: 'agent:main:chat-1', seq: 6, state: 'final', message: message('Done.') });

    expect(events.map((event) => [event.state, event.thinking, event.tools?.[0]?.state, event.tools?.[0]?.approval?.state])).toEqual([
      ['delta', 'ls', undefined, undefined],
      ['delta', 'ls will do', undefined, undefined],
      ['delta', 'ls will do', 'running', undefined],
      ['delta', 'ls will do', 'running', 'pending'],
      ['delta', 'ls will do', 'running', 'approved'],
      ['delta', 'ls will do', 'done', 'approved'],
      ['final', 'ls will do', 'done', 'approved'],
    ]);
    expect(events.every((event) => event.sessionKey === 'chat-1')).toBe(true);
    expect(events.at(-1)).toMatchObject({ text: 'Done.', tools: [{ id: 'c1', command: 'ls', output: 'a\n', exitCode: 0 }] });
  });

  it('keeps each step’s reasoning, and forgets a run once it ended', async () => {
    const { chat, events } = relay();
    await chat.send('chat-1', 'hi');
    chat.onGatewayEvent('agent', agent(1, 'thinking', { text: 'first', delta: 'first' }));
    chat.onGatewayEvent('agent', agent(2, 'thinking', { text: 'second', delta: 'second' }));
    expect(events.at(-1)?.thinking).toBe('first\n\nsecond');
    chat.onGatewayEvent('chat', { runId: 'run-1', sessionKey: 'agent:main:chat-1', seq: 3, state: 'aborted', message: message('Let') });
    expect(events.at(-1)).toMatchObject({ state: 'aborted', text: 'Let', thinking: 'first\n\nsecond' });
    chat.onGatewayEvent('agent', agent(4, 'tool', { phase: 'start', name: 'exec', toolCallId: 'c9', args: {} }));
    expect(events).toHaveLength(3);
  });

  it('ignores approvals of other runs, events of unknown runs and malformed payloads', async () => {
    const { chat, events } = relay();
    chat.onGatewayEvent('agent', agent(1, 'tool', { phase: 'start', name: 'exec', toolCallId: 'c1', args: {} }));
    chat.onGatewayEvent('exec.approval.requested', { id: 'ap-1', request: { command: 'ls', host: 'gateway', runId: 'other', toolCallId: 'c1' }, createdAtMs: 1, expiresAtMs: 2 });
    chat.onGatewayEvent('agent', { runId: 'run-1', stream: 'tool' });
    chat.onGatewayEvent('exec.approval.resolved', { id: 42 });
    chat.onGatewayEvent('presence', {});
    expect(events).toEqual([]);
  });

  it('sends a retried message as a new run and aborts the session’s run', async () => {
    const { chat, requests } = relay();
    expect(await chat.send('chat-1', 'again')).toEqual({ ok: true, runId: 'run-1' });
    await chat.abort('chat-1');
    expect(requests).toEqual([
      { method: 'chat.send', params: { sessionKey: 'chat-1', message: 'again', idempotencyKey: 'run-1' } },
      { method: 'chat.abort', params: { sessionKey: 'chat-1' } },
    ]);
  });

  it('follows the tool calls of a run another client started, under the gateway’s key', () => {
    const { chat, events } = relay();
    const other = (seq: number, stream: string, data: unknown) => ({ runId: 'run-x', seq, ts: 1, stream, data });
    chat.onGatewayEvent('agent', other(1, 'lifecycle', { phase: 'start', startedAt: 1, sessionKey: 'agent:main:telegram:42' }));
    chat.onGatewayEvent('agent', other(2, 'tool', { phase: 'start', name: 'read', toolCallId: 'c1', args: { path: 'notes.md' } }));
    expect(events).toEqual([
      { sessionKey: 'agent:main:telegram:42', runId: 'run-x', state: 'delta', text: '', tools: [{ id: 'c1', name: 'read', args: '{\n  "path": "notes.md"\n}', state: 'running' }] },
    ]);
  });

  it('gives a session read while its run streams that run’s text and tool cards so far', async () => {
    const events: ChatEventView[] = [];
    const chat = new ChatRelay({
      request: async () => ({
        sessionKey: 'agent:main:chat-1',
        messages: [{ id: '1', role: 'user', content: [{ type: 'text', text: 'go' }], timestamp: 1 }],
        activeRuns: [{ runId: 'run-7', kind: 'chat', state: 'running', acceptedAt: 1, text: 'Checking' }],
      }),
      emit: (event) => events.push(event),
      connected: () => true,
    });
    chat.onGatewayEvent('agent', { runId: 'run-7', seq: 1, ts: 1, stream: 'tool', data: { phase: 'start', name: 'exec', toolCallId: 'c1', args: { command: 'uptime' } } });
    const history = await chat.history('chat-1');
    expect(history.streaming).toEqual({ runId: 'run-7', text: 'Checking', tools: [{ id: 'c1', name: 'exec', command: 'uptime', state: 'running' }] });
    expect(history.messages).toEqual([{ id: '1', role: 'user', text: 'go', timestamp: 1 }]);
    // From now on the run's events are reported under the key the view used.
    chat.onGatewayEvent('chat', { runId: 'run-7', sessionKey: 'agent:main:chat-1', seq: 2, state: 'final', message: message('Checked.') });
    expect(events.at(-1)).toMatchObject({ sessionKey: 'chat-1', state: 'final', text: 'Checked.', tools: [{ id: 'c1' }] });
  });
});

describe('chat relay: the session list asked for ahead of the chat page', () => {
  function listing() {
    const asked: number[] = [];
    let answers = 0;
    const chat = new ChatRelay({
      request: async (method) => {
        if (method !== 'sessions.list') throw new Error(`unexpected ${method}`);
        answers += 1;
        asked.push(answers);
        return { ts: 1, path: '/state', count: 1, defaults: { modelProvider: 'anthropic', model: 'claude', contextTokens: 200000 }, sessions: [{ key: `agent:main:s${answers}`, kind: 'direct', updatedAt: answers }] };
      },
      emit: () => {},
      connected: () => true,
    });
    return { chat, asked };
  }

  it('the first listSessions after a prefetch takes its answer; the next one asks again', async () => {
    const { chat, asked } = listing();
    chat.prefetchSessions();
    expect(asked).toHaveLength(1);
    expect((await chat.listSessions()).map((session) => session.key)).toEqual(['agent:main:s1']);
    expect(asked).toHaveLength(1);
    expect((await chat.listSessions()).map((session) => session.key)).toEqual(['agent:main:s2']);
  });

  it('a chat or agent event drops an answer not taken yet, so the page never opens on a stale list', async () => {
    const { chat, asked } = listing();
    chat.prefetchSessions();
    chat.onGatewayEvent('agent', agent(1, 'lifecycle', { phase: 'start', startedAt: 1, sessionKey: 'agent:main:s9' }));
    expect((await chat.listSessions()).map((session) => session.key)).toEqual(['agent:main:s2']);
    expect(asked).toHaveLength(2);
  });
});
