/**
 * The languages code blocks are highlighted in: the ones people paste and agents write most.
 * A block in another language (or none) stays plain text. Only these grammars are bundled:
 * highlight.js's "common" set is 37 grammars (~105 KB in the chat chunk), which is why Markdown.tsx
 * registers these through its own plugin (rehype-code-highlight.ts) instead of rehype-highlight,
 * which always bundles "common". The grammars bring their own aliases (js, ts, sh, py, html,
 * yml, rs, golang, md, patch).
 */
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

export const highlightLanguages = { bash, css, diff, go, javascript, json, markdown, python, rust, shell, sql, typescript, xml, yaml };
