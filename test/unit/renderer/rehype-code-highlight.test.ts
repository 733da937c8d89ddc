import type { Element, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { describe, expect, it } from 'vitest';
import { highlightLanguages } from '../../../renderer/components/markdown/highlight-languages.js';
import { rehypeCodeHighlight } from '../../../renderer/components/markdown/rehype-code-highlight.js';

/** `<pre><code class="…">text</code></pre>` as remark-rehype makes it from a fenced block. */
function fenced(text: string, className?: string[]): { tree: Root; code: Element } {
  const code: Element = { type: 'element', tagName: 'code', properties: className ? { className } : {}, children: [{ type: 'text', value: text }] };
  return { tree: { type: 'root', children: [{ type: 'element', tagName: 'pre', properties: {}, children: [code] }] }, code };
}

function highlighted(text: string, className?: string[]): Element {
  const { tree, code } = fenced(text, className);
  rehypeCodeHighlight({ languages: highlightLanguages })(tree);
  return code;
}

function spans(code: Element): string[] {
  return code.children.flatMap((child) => (child.type === 'element' ? [`${String((child.properties['className'] as string[])[0])}:${toText(child)}`] : []));
}

describe('code block highlighting', () => {
  it('highlights a registered language and keeps the text exactly', () => {
    const code = highlighted('const answer = 42;', ['language-ts']);
    expect(code.properties['className']).toEqual(['hljs', 'language-ts']);
    expect(spans(code)).toContain('hljs-keyword:const');
    expect(toText(code)).toBe('const answer = 42;');
  });

  it.each(['sh', 'bash', 'shell', 'js', 'json', 'py', 'diff', 'html', 'css', 'yml', 'go', 'rs', 'sql', 'md'])('knows %s', (language) => {
    const code = highlighted('x', [`language-${language}`]);
    expect(code.properties['className']).toContain('hljs');
  });

  it('leaves a block plain when its language is not bundled, not named, or marked no-highlight', () => {
    for (const className of [['language-cobol'], undefined, ['language-ts', 'no-highlight']]) {
      const code = highlighted('const x = 1', className);
      expect(code.children).toEqual([{ type: 'text', value: 'const x = 1' }]);
      expect(code.properties['className'] ?? []).not.toContain('hljs');
    }
  });

  it('highlights only code inside pre: inline code stays as written', () => {
    const inline: Element = { type: 'element', tagName: 'code', properties: { className: ['language-ts'] }, children: [{ type: 'text', value: 'const' }] };
    const tree: Root = { type: 'root', children: [{ type: 'element', tagName: 'p', properties: {}, children: [inline] }] };
    rehypeCodeHighlight({ languages: highlightLanguages })(tree);
    expect(inline.children).toEqual([{ type: 'text', value: 'const' }]);
  });

  it('bundles only the languages it names, not highlight.js "common"', () => {
    expect(Object.keys(highlightLanguages).sort()).toEqual(['bash', 'css', 'diff', 'go', 'javascript', 'json', 'markdown', 'python', 'rust', 'shell', 'sql', 'typescript', 'xml', 'yaml']);
  });
});
