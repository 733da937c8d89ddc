/**
 * Both renderers (the tray's windows and the browser Control UI) are written against React's API
 * but run on Preact through preact/compat: the same views, a fraction of the runtime to download
 * and evaluate before the first paint. One list, so both builds resolve every React entry point
 * the same way and the Playwright view tests exercise the runtime the browser runs.
 */
import { resolve } from 'node:path';
import type { Alias } from 'vite';

/**
 * Exact-match aliases (anchored), so `react-markdown` or `@tanstack/react-virtual` stay themselves.
 * `root` is the repository's: the build tools bundle their config, so this file cannot find it itself.
 */
export function preactCompatAlias(root: string): Alias[] {
  // preact/compat with React's timing for passive effects; see the file.
  const reactOnPreact = resolve(root, 'renderer', 'react-on-preact.ts');
  return [
    { find: /^react$/, replacement: reactOnPreact },
    { find: /^react-dom$/, replacement: reactOnPreact },
    { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
    { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
    { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
    { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
  ];
}
