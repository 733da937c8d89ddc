/**
 * Markdown as the assistant writes it (GitHub flavour: tables, task lists, strikethrough,
 * autolinks), made safe first (markdown-policy.ts) and then highlighted: sanitizing runs before
 * highlighting, so the highlighter's own classes are the only ones added after the allowlist.
 */
import { memo } from 'react';
import ReactMarkdown, { type Components, type Options } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './CodeBlock';
import { highlightLanguages } from './highlight-languages';
import { imageSource, safeLinkHref, transcriptSanitizeSchema, transcriptUrlTransform } from './markdown-policy';
import { markdownStrings } from './markdown-strings';
import { rehypeCodeHighlight } from './rehype-code-highlight';

const remarkPlugins: Options['remarkPlugins'] = [remarkGfm];
const rehypePlugins: Options['rehypePlugins'] = [
  [rehypeSanitize, transcriptSanitizeSchema],
  [rehypeCodeHighlight, { languages: highlightLanguages }],
];

const components: Components = {
  a: ({ href, children }) => {
    const safe = href === undefined ? undefined : safeLinkHref(href);
    if (safe === undefined) return <span className="md-link--dropped">{children}</span>;
    return (
      <a href={safe} target="_blank" rel="noopener noreferrer" title={`${safe} (${markdownStrings.opensOutside})`}>
        {children}
      </a>
    );
  },
  img: ({ src, alt }) => {
    const source = typeof src === 'string' ? imageSource(src) : ({ kind: 'blocked' } as const);
    const label = alt ?? '';
    if (source.kind === 'inline') return <img src={source.src} alt={label} className="md-image" loading="lazy" />;
    if (source.kind === 'remote') {
      return (
        <a href={source.href} target="_blank" rel="noopener noreferrer" className="md-image-link">
          {markdownStrings.remoteImage(label, source.host)}
        </a>
      );
    }
    return <span className="muted">{markdownStrings.blockedImage(label)}</span>;
  },
  pre: ({ children }) => <CodeBlock>{children}</CodeBlock>,
  input: ({ type, checked }) => (type === 'checkbox' ? <input type="checkbox" checked={checked === true} disabled readOnly /> : null),
};

/** Renders one message's Markdown; memoised, so streaming re-renders only the message that changed. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="md">
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        urlTransform={transcriptUrlTransform}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});
