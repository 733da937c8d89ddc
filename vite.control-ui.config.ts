/**
 * Builds the browser Control UI (renderer/web/) into dist/control-ui/: index.html plus hashed
 * assets/, which the gateway serves at gateway.controlUi.basePath. The same React views as the
 * tray's windows (renderer/), with a bridge over the gateway WebSocket instead of Electron IPC.
 *
 * React's API runs on Preact (build/preact-compat.ts), like the tray's windows.
 *
 * The page runs under a strict CSP (script-src 'self', style-src 'self'): no inline script or
 * style, so no module-preload polyfill and CSS in files. Asset URLs are relative, so the bundle
 * works under any base path the gateway is given.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { preactCompatAlias } from './build/preact-compat.js';

const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  root: resolve(root, 'renderer/web'),
  publicDir: resolve(root, 'renderer/public'),
  base: './',
  // The plugin only compiles JSX here: `vite build` has no Fast Refresh.
  plugins: [react()],
  resolve: {
    alias: [
      ...preactCompatAlias(root),
      // Compile cannot evaluate under the page's CSP; see renderer/web/typebox-interpreted.ts.
      { find: /^typebox\/compile$/, replacement: resolve(root, 'renderer/web/typebox-interpreted.ts') },
    ],
  },
  define: { __GATEHOUSE_VERSION__: JSON.stringify(version) },
  build: {
    outDir: resolve(root, 'dist/control-ui'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // An inline polyfill script would break the CSP; every browser with WebCrypto Ed25519 has modulepreload.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    reportCompressedSize: false,
  },
});
