import { describe, expect, it } from 'vitest';
import { replyWantsSpeech, spokenReplyText, visibleReplyText } from '../../../gateway/features/tts/reply-speech.js';

// messages.tts.auto on replies: which replies are spoken, what is said, and what is shown.

describe('spoken replies', () => {
  it('speaks by mode: always, only after a voice note, only when tagged, never', () => {
    const typed = { text: 'Hello.', inboundVoice: false };
    const voiced = { text: 'Hello.', inboundVoice: true };
    expect([replyWantsSpeech('always', typed), replyWantsSpeech('always', { text: '  ', inboundVoice: false })]).toEqual([true, false]);
    expect([replyWantsSpeech('inbound', typed), replyWantsSpeech('inbound', voiced)]).toEqual([false, true]);
    expect([replyWantsSpeech('tagged', typed), replyWantsSpeech('tagged', { text: 'Hello. [[tts]]', inboundVoice: false })]).toEqual([false, true]);
    expect(replyWantsSpeech('tagged', { text: '[[TTS:text]]psst[[/tts:text]]', inboundVoice: false })).toBe(true);
    expect(replyWantsSpeech('off', voiced)).toBe(false);
  });

  it('shows the reply without its directives or spoken-only words', () => {
    expect(visibleReplyText('Here is the poem. [[tts]]')).toBe('Here is the poem.');
    expect(visibleReplyText('Shown.\n[[tts:text]]Only heard.[[/tts:text]]')).toBe('Shown.');
    expect(visibleReplyText('A [[link]] stays, [[tts:voice=nova]] goes.')).toBe('A [[link]] stays,  goes.');
    expect(visibleReplyText('No directives at all.')).toBe('No directives at all.');
  });

  it('says the words, not the Markdown, and prefers the spoken-only block', () => {
    expect(spokenReplyText('# Title\n\nSome **bold** and *soft* words, `code` and [a link](https://example.com).\n\n```js\nrun()\n```\n- item', 500)).toBe(
      'Title Some bold and soft words, code and a link. item',
    );
    expect(spokenReplyText('Long table here. [[tts:text]]The short version.[[/tts:text]]', 500)).toBe('The short version.');
    expect(spokenReplyText('keep snake_case_names intact', 500)).toBe('keep snake_case_names intact');
  });

  it('cuts a long reply at a sentence end within the limit', () => {
    const text = 'First sentence is here. Second sentence is a bit longer than that. Third one.';
    expect(spokenReplyText(text, 40)).toBe('First sentence is here.');
    expect(spokenReplyText(text, 70)).toBe('First sentence is here. Second sentence is a bit longer than that.');
    expect(spokenReplyText('x'.repeat(100), 10)).toBe('x'.repeat(10));
  });
});
