/**
 * Highlights fenced code blocks (`<pre><code class="language-x">`) with lowlight, registering only
 * the languages it is given. rehype-highlight does the same but imports lowlight's "common" set
 * (37 grammars) whatever it is given, and the bundler cannot drop it; this plugin is the same walk
 * without that import. A block with no language, `no-highlight`, or a language not registered
 * stays plain text: nothing is guessed.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { createLowlight, type LanguageFn } from 'lowlight';
import { visit } from 'unist-util-visit';

export interface CodeHighlightOptions {
  languages: Readonly<Record<string, LanguageFn>>;
}

/** The block's language from its classes: `language-x` or `lang-x`; null for no-highlight or none. */
export function codeLanguage(node: Element): string | null {
  const classes = node.properties['className'];
  if (!Array.isArray(classes)) return null;
  let name: string | null = null;
  for (const value of classes.map(String)) {
    if (value === 'no-highlight' || value === 'nohighlight') return null;
    if (name === null && value.startsWith('language-')) name = value.slice('language-'.length);
    if (name === null && value.startsWith('lang-')) name = value.slice('lang-'.length);
  }
  return name;
}

export function rehypeCodeHighlight(options: CodeHighlightOptions) {
  const lowlight = createLowlight(options.languages);
  return (tree: Root): void => {
    visit(tree, 'element', (node: Element, _index, parent) => {
      if (node.tagName !== 'code' || parent?.type !== 'element' || parent.tagName !== 'pre') return;
      const language = codeLanguage(node);
      if (language === null || !lowlight.registered(language)) return;
      const result = lowlight.highlight(language, toText(node, { whitespace: 'pre' }), { prefix: 'hljs-' });
      const classes = Array.isArray(node.properties['className']) ? node.properties['className'] : [];
      node.properties['className'] = ['hljs', ...classes.filter((name) => name !== 'hljs')];
      if (result.children.length > 0) node.children = result.children as ElementContent[];
    });
  };
}
