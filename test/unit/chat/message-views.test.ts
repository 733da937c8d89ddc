import { describe, expect, it } from 'vitest';
import { chatMessageView, historyViews, MAX_VIEW_TEXT } from '../../../client/chat/message-views.js';
import { asksForProvider } from '../../../client/chat/chat-schemas.js';
import { modelViews, sessionView } from '../../../client/chat/session-views.js';
import { NO_PROVIDER_CODE } from '../../../shared/protocol/chat/events.js';
import type { ChatHistoryMessage } from '../../../shared/protocol/chat/results.js';

const at = (id: string, role: string, content: ChatHistoryMessage['content'], extra: Partial<ChatHistoryMessage> = {}): ChatHistoryMessage => ({
  id,
  role,
  content,
  timestamp: 1,
  ...extra,
});

describe('chat message views', () => {
  it('folds a tool result into its call’s card: command, output, exit code, approval', () => {
    const views = historyViews([
      at('1', 'user', [{ type: 'text', text: 'list files' }]),
      at('2', 'assistant', [
        { type: 'thinking', thinking: 'ls will do' },
        { type: 'text', text: 'Running it.' },
        { type: 'toolCall', id: 'c1', name: 'exec', arguments: { command: 'ls -la' } },
      ]),
      at('3', 'tool', [{ type: 'toolResult', toolCallId: 'c1', name: 'exec', result: { status: 'ran', exitCode: 0, stdout: 'a\nb\n', stderr: '', approvalId: 'ap-1' }, isError: false }]),
      at('4', 'assistant', [{ type: 'text', text: 'Two files.' }]),
    ]);
    expect(views.map((view) => view.id)).toEqual(['1', '2', '4']);
    expect(views[1]).toMatchObject({
      role: 'assistant',
      text: 'Running it.',
      thinking: 'ls will do',
      tools: [{ id: 'c1', name: 'exec', command: 'ls -la', state: 'done', output: 'a\nb\n', exitCode: 0, approval: { state: 'approved', approvalId: 'ap-1' } }],
    });
  });

  it('marks a denied or failed call and keeps the reason as output', () => {
    const [view] = historyViews([
      at('1', 'assistant', [
        { type: 'toolCall', id: 'c1', name: 'exec', arguments: { command: 'rm -rf /' } },
        { type: 'toolCall', id: 'c2', name: 'read', arguments: { path: 'x' } },
      ]),
      at('2', 'toolResult', [
        { type: 'toolResult', toolCallId: 'c1', name: 'exec', result: { status: 'denied', reason: 'a person denied this command', approvalId: 'ap-2' }, isError: false },
        { type: 'toolResult', toolCallId: 'c2', name: 'read', result: { error: 'no such file' }, isError: true },
      ]),
    ]);
    expect(view?.tools).toEqual([
      { id: 'c1', name: 'exec', command: 'rm -rf /', state: 'failed', output: 'a person denied this command', approval: { state: 'denied', approvalId: 'ap-2' } },
      { id: 'c2', name: 'read', args: '{\n  "path": "x"\n}', state: 'failed', output: 'no such file' },
    ]);
  });

  it('gives a result whose call is not in view a card of its own', () => {
    const views = historyViews([at('9', 'tool', [{ type: 'toolResult', toolCallId: 'old', name: 'exec', result: { status: 'ran', exitCode: 2, stdout: '', stderr: 'nope' }, isError: false }])]);
    expect(views).toEqual([{ id: '9', role: 'tool', text: '', timestamp: 1, tools: [{ id: 'old', name: 'exec', state: 'failed', output: 'nope', exitCode: 2 }] }]);
  });

  it('shows raster images as data URLs and names the rest (SVG, bad data)', () => {
    const view = chatMessageView(
      at('1', 'user', [
        { type: 'text', text: 'look' },
        { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
        { type: 'image', mimeType: 'image/svg+xml', data: 'PHN2Zz4=' },
        { type: 'image', mimeType: 'image/png', data: '"><script>' },
      ]),
    );
    expect(view.images).toEqual([{ mimeType: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }]);
    expect(view.text).toBe('look\n\n[image: image/svg+xml not shown]\n\n[image: image/png not shown]');
  });

  it('maps roles, keeps aborted and errored runs, and cuts very long messages', () => {
    const long = chatMessageView(at('1', 'assistant', [{ type: 'text', text: 'x'.repeat(30_000) }], { aborted: true }));
    expect(long.text).toHaveLength(MAX_VIEW_TEXT);
    expect(long).toMatchObject({ role: 'assistant', aborted: true });
    expect(chatMessageView(at('2', 'toolResult', [], { errorMessage: 'boom' }))).toMatchObject({ role: 'tool', error: 'boom' });
    expect(historyViews([at('3', 'assistant', [], { errorMessage: 'rate limited' })])).toEqual([{ id: '3', role: 'assistant', text: '', timestamp: 1, error: 'rate limited' }]);
  });

  it('recognises the gateway’s "no model provider" refusal by its details code, never its wording', () => {
    const refusal = (code: string) => Object.assign(new Error('any wording at all'), { code: 'UNAVAILABLE', details: { code } });
    expect(asksForProvider(refusal(NO_PROVIDER_CODE))).toBe(true);
    expect(asksForProvider({ code: 'UNAVAILABLE', message: 'x', details: { code: NO_PROVIDER_CODE } })).toBe(true);
    expect(asksForProvider(refusal('MODEL_UNAVAILABLE'))).toBe(false);
    expect(asksForProvider(new Error('no model provider is configured'))).toBe(false);
    expect(asksForProvider(undefined)).toBe(false);
  });

  it('titles sessions and de-duplicates models', () => {
    expect(sessionView({ key: 'agent:main:x', updatedAt: 1, derivedTitle: 'Hi', model: 'm', modelProvider: 'p', active: true }, 'x')).toEqual({
      key: 'x',
      title: 'Hi',
      updatedAt: 1,
      model: 'p/m',
      active: true,
    });
    expect(sessionView({ key: 'agent:main:y', updatedAt: null }, 'y')).toEqual({ key: 'y', title: 'y', updatedAt: 0, active: false });
    expect(modelViews({ models: [{ id: 'm', name: 'Model M', provider: 'p' }, { id: 'm', name: 'M again', provider: 'p' }] })).toEqual([{ ref: 'p/m', name: 'Model M', provider: 'p' }]);
  });
});
