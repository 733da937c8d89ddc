import { describe, expect, it } from 'vitest';
import { markdownToTelegramHtml } from '../../../gateway/features/channels/telegram/markdown-to-telegram-html.js';
import { htmlEntitiesError } from '../../fixtures/telegram-bot-api/index.js';

describe('markdownToTelegramHtml', () => {
  it('converts emphasis, code, links and headings to Telegram HTML', () => {
    expect(markdownToTelegramHtml('**bold** and *it* and `a<b`')).toBe('<b>bold</b> and <i>it</i> and <code>a&lt;b</code>');
    expect(markdownToTelegramHtml('[docs](https://example.com/a?b=1&c=2)')).toBe('<a href="https://example.com/a?b=1&amp;c=2">docs</a>');
    expect(markdownToTelegramHtml('# Title')).toBe('<b>Title</b>');
    expect(markdownToTelegramHtml('- one\n- two')).toBe('• one\n• two');
  });

  it('escapes HTML a model writes as text', () => {
    expect(markdownToTelegramHtml('1 < 2 & <script>')).toBe('1 &lt; 2 &amp; &lt;script&gt;');
  });

  it('turns fenced code into pre/code with its language, escaped', () => {
    expect(markdownToTelegramHtml('```python\nif a < b:\n    pass\n```')).toBe('<pre><code class="language-python">if a &lt; b:\n    pass</code></pre>');
  });

  it('groups quoted lines into one blockquote', () => {
    expect(markdownToTelegramHtml('> a\n> b\nc')).toBe('<blockquote>a\nb</blockquote>\nc');
  });

  it('produces markup the Bot API accepts for ordinary replies', () => {
    const reply = '## Plan\n\n1. Read **the file**\n2. Run `npm test`\n\n```sh\necho "a & b"\n```\n\n> note: _careful_';
    expect(htmlEntitiesError(markdownToTelegramHtml(reply))).toBeUndefined();
  });
});
