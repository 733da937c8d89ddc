/**
 * Builds the companion into out/: out/main (Node, ESM), out/preload (one CommonJS file per
 * window kind, because sandboxed preloads cannot be ES modules), out/renderer (the React app).
 * The gateway is not bundled here: it is its own program (dist/gateway/cli/index.js, built by
 * `npm run build:gateway`) that the supervisor runs as a separate process.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { preactCompatAlias } from './build/preact-compat.js';
import { windowKinds } from './shared/ipc/window-kinds.js';

const root = import.meta.dirname;

/** preload/<kind>.ts → out/preload/<kind>.cjs, one per window kind (main/app-paths.ts). */
const preloadEntries = Object.fromEntries(windowKinds.map((kind) => [kind, resolve(root, 'preload', `${kind}.ts`)]));

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: { index: resolve(root, 'main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Everything a sandboxed preload uses must be inside its one file; only `electron` stays
      // external. A sandboxed preload cannot `require` a shared chunk, so no code splitting either.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: preloadEntries,
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // The plugin compiles JSX. React Fast Refresh cannot patch Preact's components, so it is off:
    // under `electron-vite dev` an edit reloads the window instead of leaving it stale.
    plugins: [react({ refreshExclude: /./ })],
    // React's API runs on Preact, as in the Control UI (build/preact-compat.ts).
    resolve: { alias: preactCompatAlias(root) },
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});

