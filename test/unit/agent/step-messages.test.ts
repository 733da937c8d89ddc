import { describe, expect, it } from 'vitest';
import type { CallContentPart } from '../../../gateway/agent/model-calls/call-content.js';
import { assistantMessageFrom, toolMessageFrom } from '../../../gateway/agent/step-messages.js';

describe('tool-loop messages', () => {
  it('keeps text, reasoning and tool calls with their provider metadata, and leaves out empty text', () => {
    const content: CallContentPart[] = [
      { type: 'reasoning', text: 'Thinking.', providerMetadata: { anthropic: { signature: 'sig' } } },
      { type: 'text', text: 'Let me check.' },
      { type: 'text', text: '' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'exec', input: { command: 'ls' }, invalid: false, providerMetadata: { openai: { itemId: 'fc_1' } } },
    ];
    expect(assistantMessageFrom(content)).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Thinking.', providerOptions: { anthropic: { signature: 'sig' } } },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool-call', toolCallId: 'c1', toolName: 'exec', input: { command: 'ls' }, providerOptions: { openai: { itemId: 'fc_1' } } },
      ],
    });
  });

  it('sends an invalid call with unparseable input back with an empty object, and nothing for an empty step', () => {
    const content: CallContentPart[] = [{ type: 'tool-call', toolCallId: 'c2', toolName: 'exec', input: '{"command":', invalid: true }];
    expect(assistantMessageFrom(content)?.content).toEqual([{ type: 'tool-call', toolCallId: 'c2', toolName: 'exec', input: {} }]);
    expect(assistantMessageFrom([])).toBeUndefined();
  });

  it('answers every call in order, errors as the stored {error} value', () => {
    expect(
      toolMessageFrom([
        { toolCallId: 'c1', toolName: 'exec', result: { stdout: 'a' } },
        { toolCallId: 'c2', toolName: 'exec', result: { error: 'denied' } },
        { toolCallId: 'c3', toolName: 'exec', result: undefined },
      ]),
    ).toEqual({
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'c1', toolName: 'exec', output: { type: 'json', value: { stdout: 'a' } } },
        { type: 'tool-result', toolCallId: 'c2', toolName: 'exec', output: { type: 'json', value: { error: 'denied' } } },
        { type: 'tool-result', toolCallId: 'c3', toolName: 'exec', output: { type: 'json', value: null } },
      ],
    });
    expect(toolMessageFrom([])).toBeUndefined();
  });
});
