import { describe, expect, it } from 'vitest';
import { planCompaction, renderTranscript, summaryPrompt } from '../../../gateway/agent/session-compaction.js';
import { clip, derivedTitleOf, previewText } from '../../../gateway/agent/session-rows.js';
import type { ContentPart, TranscriptMessage, TranscriptRole } from '../../../gateway/agent/store/transcript-repository.js';

let nextId = 1;
function row(role: TranscriptRole, ...content: ContentPart[]): TranscriptMessage {
  return { id: nextId++, sessionKey: 'agent:main:main', sessionId: 's-1', role, content, meta: {}, ts: 1_000, compacted: false };
}
const text = (value: string): ContentPart => ({ type: 'text', text: value });

describe('compaction plan', () => {
  it('keeps the last maxLines rows and compacts the rest', () => {
    const live = [row('user', text('a')), row('assistant', text('b')), row('user', text('c')), row('assistant', text('d'))];
    expect(planCompaction(live, 2)).toEqual({ compact: live.slice(0, 2), keep: live.slice(2) });
    expect(planCompaction(live, 4)).toEqual({ compact: [], keep: live });
    expect(planCompaction(live, 10).compact).toEqual([]);
  });

  it('never keeps a tool result without the call it answers', () => {
    const call = row('assistant', { type: 'toolCall', id: 't1', name: 'read', arguments: { path: 'a' } });
    const result = row('tool', { type: 'toolResult', toolCallId: 't1', name: 'read', result: 'file text', isError: false });
    const live = [row('user', text('read a')), call, result, row('assistant', text('done'))];
    const plan = planCompaction(live, 2);
    expect(plan.keep).toEqual([call, result, live[3]]);
    expect(plan.compact).toEqual([live[0]]);
  });

  it('renders the compacted part as a plain transcript, tool traffic clipped', () => {
    const rendered = renderTranscript([
      row('user', text('  hello  '), { type: 'image', mimeType: 'image/png', data: 'AAAA' }),
      row('assistant', { type: 'thinking', thinking: 'secret musing' }, text('hi'), { type: 'toolCall', id: 't', name: 'ls', arguments: { dir: '.' } }),
      row('tool', { type: 'toolResult', toolCallId: 't', name: 'ls', result: 'x'.repeat(5_000), isError: true }),
    ]);
    const lines = rendered.split('\n');
    expect(lines.slice(0, 4)).toEqual(['User: hello', 'User: [image]', 'Assistant: hi', 'Assistant called tool ls: {"dir":"."}']);
    expect(lines[4]).toMatch(/^Tool ls failed: "x{1999}…$/);
    expect(rendered).not.toContain('secret musing');
  });

  it('carries the previous summary and keeps the newest text when the prompt must be cut', () => {
    expect(summaryPrompt('Earlier: tea.', 'User: hi', 10_000)).toBe(
      'Summary of the conversation before this part:\nEarlier: tea.\n\nConversation to summarise:\nUser: hi\n\nWrite the updated summary now.',
    );
    const long = `${'old '.repeat(1_000)}NEWEST`;
    const prompt = summaryPrompt(undefined, long, 1_000);
    expect(prompt).toContain('[earlier lines omitted]');
    expect(prompt).toContain('NEWEST');
    expect(prompt.length).toBeLessThan(1_200);
  });
});

describe('session row text', () => {
  it('derives a one-line title of about 60 characters from the first user message', () => {
    expect(derivedTitleOf(undefined)).toBeUndefined();
    expect(derivedTitleOf('   \n ')).toBeUndefined();
    expect(derivedTitleOf('Short\n\n question')).toBe('Short question');
    const title = derivedTitleOf('Plan the garden layout for spring planting, with raised beds and a small herb corner');
    expect(title).toBe('Plan the garden layout for spring planting, with raised…');
    expect(derivedTitleOf('x'.repeat(200))).toBe(`${'x'.repeat(59)}…`);
  });

  it('clips to maxChars with an ellipsis and names tool traffic in previews', () => {
    expect(clip('abcdef', 6)).toBe('abcdef');
    expect(clip('abcdefg', 6)).toBe('abcde…');
    expect(clip('abcd efgh', 6)).toBe('abcd…');
    expect(previewText(row('assistant', { type: 'toolCall', id: 't', name: 'read', arguments: {} }))).toBe('[tool call: read]');
    expect(previewText(row('tool', { type: 'toolResult', toolCallId: 't', name: 'read', result: 1, isError: true }))).toBe('[tool result: read (error)]');
    expect(previewText(row('user', text('a'), text('b')))).toBe('a\nb');
  });
});
