import { describe, expect, it } from 'vitest';
import { imageSource, safeLinkHref, transcriptUrlTransform } from '../../../renderer/components/markdown/markdown-policy.js';
import { chatKeyAction } from '../../../renderer/views/chat/chat-keys.js';
import { speakableText } from '../../../renderer/views/chat/speakable-text.js';

describe('markdown policy', () => {
  it('keeps absolute http(s) and mailto links only', () => {
    expect(safeLinkHref('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeLinkHref('mailto:ana@example.org')).toBe('mailto:ana@example.org');
    for (const unsafe of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>', 'vbscript:x', '#settings', '/etc/passwd', 'file:///etc/passwd', '']) {
      expect(safeLinkHref(unsafe), unsafe).toBeUndefined();
    }
  });

  it('shows raster data: and blob: images inline, links https ones, blocks the rest', () => {
    expect(imageSource('data:image/png;base64,iVBORw0KGgo=')).toEqual({ kind: 'inline', src: 'data:image/png;base64,iVBORw0KGgo=' });
    expect(imageSource('blob:https://app.example/1234')).toEqual({ kind: 'inline', src: 'blob:https://app.example/1234' });
    expect(imageSource('https://tracker.example/p.png?q=secret')).toEqual({ kind: 'remote', href: 'https://tracker.example/p.png?q=secret', host: 'tracker.example' });
    for (const blocked of ['data:image/svg+xml;base64,PHN2Zz4=', 'data:text/html;base64,PHNjcmlwdD4=', 'http://plain.example/p.png', 'javascript:alert(1)', 'x.png']) {
      expect(imageSource(blocked), blocked).toEqual({ kind: 'blocked' });
    }
  });

  it('empties unsafe URLs before any element is made', () => {
    expect(transcriptUrlTransform('javascript:alert(1)', 'href')).toBe('');
    expect(transcriptUrlTransform('javascript:alert(1)', 'src')).toBe('');
    expect(transcriptUrlTransform('https://example.org', 'href')).toBe('https://example.org/');
  });
});

describe('chat keys', () => {
  const press = (key: string, extra: Partial<Parameters<typeof chatKeyAction>[0]> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, repeat: false, isComposing: false, ...extra });
  it('stops a running reply with Esc and finds a session with Ctrl/⌘+K', () => {
    expect(chatKeyAction(press('Escape'), true)).toBe('stop');
    expect(chatKeyAction(press('Escape'), false)).toBe('pass');
    expect(chatKeyAction(press('Escape', { isComposing: true }), true)).toBe('pass');
    expect(chatKeyAction(press('k', { ctrlKey: true }), false)).toBe('focusSwitcher');
    expect(chatKeyAction(press('k', { metaKey: true }), true)).toBe('focusSwitcher');
    expect(chatKeyAction(press('k'), false)).toBe('pass');
    expect(chatKeyAction(press('k', { ctrlKey: true, shiftKey: true }), false)).toBe('pass');
  });
});

describe('speakable text', () => {
  it('reads a reply’s Markdown as words', () => {
    expect(speakableText('## Plan\n\nThe disk is **half** full, see [the docs](https://x.example) and `df -h`.\n\n![chart](data:image/png;base64,AA==)')).toBe(
      'Plan\nThe disk is half full, see the docs and df -h.\nchart',
    );
    expect(speakableText('2 * 3 * 4 = 24, snake_case_name stays')).toBe('2 * 3 * 4 = 24, snake_case_name stays');
  });
});
