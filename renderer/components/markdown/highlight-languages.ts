/**
 * The languages code blocks are highlighted in: the ones agents write most. A block in another
 * language (or none) stays plain text; highlight.js grammars bring their own aliases (js, ts,
 * sh, py, html, yml).
 */
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import shell from 'highlight.js/lib/languages/shell';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

export const highlightLanguages = { bash, css, diff, javascript, json, python, shell, typescript, xml, yaml };
