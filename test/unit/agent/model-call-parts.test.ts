import type { ModelMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { CallContent } from '../../../gateway/agent/model-calls/call-content.js';
import { toLanguageModelPrompt } from '../../../gateway/agent/model-calls/language-model-prompt.js';
import { streamedError } from '../../../gateway/agent/model-calls/run-model-call.js';
import { providerUsage } from '../../../gateway/agent/model-calls/token-usage.js';
import { parseToolCallInput } from '../../../gateway/agent/model-calls/tool-call-input.js';

describe('the provider prompt', () => {
  it('puts the instructions first and turns images into tagged file parts, keeping provider options', () => {
    const messages: ModelMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'text', text: '' }, { type: 'image', image: 'aGk=', mediaType: 'image/png' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Looking.', providerOptions: { anthropic: { signature: 'sig' } } },
          { type: 'text', text: '' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'exec', input: { command: 'ls' } },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'exec', output: { type: 'json', value: { stdout: 'a' } } }] },
      { role: 'assistant', content: 'A file.' },
    ];
    expect(toLanguageModelPrompt('Be brief.', messages)).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'file', data: { type: 'data', data: 'aGk=' }, mediaType: 'image/png' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Looking.', providerOptions: { anthropic: { signature: 'sig' } } },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'exec', input: { command: 'ls' } },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'exec', output: { type: 'json', value: { stdout: 'a' } } }] },
      { role: 'assistant', content: [{ type: 'text', text: 'A file.' }] },
    ]);
  });

  it('refuses a part the gateway never sends instead of dropping it silently', () => {
    const messages = [{ role: 'tool', content: [{ type: 'tool-approval-response', approvalId: 'a', approved: true }] }] as ModelMessage[];
    expect(() => toLanguageModelPrompt('', messages)).toThrow(/tool-approval-response/);
  });
});

describe('collected call content', () => {
  it('joins each block’s deltas in stream order and keeps the last provider metadata it saw', () => {
    const content = new CallContent();
    content.textPart('reasoning', 'r1', undefined, undefined);
    content.textPart('reasoning', 'r1', 'Think', undefined);
    content.textPart('reasoning', 'r1', 'ing.', undefined);
    content.endTextPart('reasoning', 'r1', { anthropic: { signature: 'sig' } });
    content.textPart('text', 't1', 'Hel', undefined);
    content.toolCall({ type: 'tool-call', toolCallId: 'c1', toolName: 'exec', input: {}, invalid: false });
    content.textPart('text', 't1', 'lo', undefined);
    expect(content.finish()).toEqual([
      { type: 'reasoning', text: 'Thinking.', providerMetadata: { anthropic: { signature: 'sig' } } },
      { type: 'text', text: 'Hello' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'exec', input: {}, invalid: false },
    ]);
  });
});

describe('tool-call input', () => {
  it('parses JSON, reads empty input as {}, and names unknown tools and broken input with the SDK’s messages', async () => {
    expect(await parseToolCallInput({ toolName: 'exec', input: '{"command":"ls"}' }, ['exec'])).toEqual({ input: { command: 'ls' } });
    expect(await parseToolCallInput({ toolName: 'exec', input: '  ' }, ['exec'])).toEqual({ input: {} });
    const unknown = await parseToolCallInput({ toolName: 'no_such_tool', input: '{}' }, ['exec']);
    expect(unknown.input).toEqual({});
    expect(unknown.error).toMatch(/no_such_tool/);
    expect(unknown.error).toMatch(/exec/);
    const broken = await parseToolCallInput({ toolName: 'exec', input: '{"command":' }, ['exec']);
    expect(broken.input).toBe('{"command":');
    expect(broken.error).toMatch(/exec/);
  });

  it('parses the input of a tool the provider ran itself without asking for it to be offered', async () => {
    expect(await parseToolCallInput({ toolName: 'web_search', input: '{"query":"x"}', providerExecuted: true }, ['exec'])).toEqual({ input: { query: 'x' } });
  });

  // JSON.parse would keep these as own keys; any later spread or merge of the tool input would
  // then swap a prototype. The parse must refuse them at any depth and keep only the raw text.
  it.each(['{"__proto__":{"polluted":true}}', '{"a":{"__proto__":{"polluted":true}}}', '{"a":{"constructor":{"prototype":{"polluted":true}}}}'])(
    'refuses %s instead of handing it to the tool',
    async (input) => {
      const result = await parseToolCallInput({ toolName: 'exec', input }, ['exec']);
      expect(result.error).toBeDefined();
      expect(result.input).toBe(input);
    },
  );
});

describe('streamed errors and usage', () => {
  it('reads the message out of a provider’s error body', () => {
    expect((streamedError({ type: 'overloaded_error', message: 'Overloaded' }) as Error).message).toBe('Overloaded');
    expect((streamedError({ error: { message: 'quota exceeded', code: 'insufficient_quota' } }) as Error).message).toBe('quota exceeded');
    expect((streamedError({ code: 7 }) as Error).message).toBe('{"code":7}');
    const error = new Error('terminated');
    expect(streamedError(error)).toBe(error);
  });

  it('maps the provider’s usage, and reports none when it gave no counts', () => {
    expect(
      providerUsage({ inputTokens: { total: 10, noCache: 4, cacheRead: 6, cacheWrite: undefined }, outputTokens: { total: 5, text: 5, reasoning: undefined } }),
    ).toEqual({ inputTokens: 10, outputTokens: 5, cacheReadTokens: 6, cacheWriteTokens: 0, totalTokens: 15 });
    expect(
      providerUsage({ inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: undefined, text: undefined, reasoning: undefined } }),
    ).toBeUndefined();
  });
});
