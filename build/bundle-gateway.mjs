// @ts-check
/**
 * `npm run build:gateway`, second step: packs the compiled CLI (dist/gateway/cli/index.js, from
 * `tsc -p tsconfig.gateway.json`) and its dependencies into dist/bundle/ — the entry
 * `gatehouse.js` and a few files in `chunks/`. The gateway used to start from ~1,000 module files
 * (TypeBox alone ~700): Node's ESM loader, resolving and compiling them one by one, was most of a
 * start-up that took 12× a bare Node server's. Every run of the CLI (bin/gatehouse.js, the
 * companion's supervisor, the tests, the benchmarks) and the packaged app use this bundle.
 *
 * Code splitting keeps the lazy imports lazy: each CLI command (gateway/cli/main.ts) and the
 * model-call path with the AI SDK and its providers (gateway/agent/model-calls/model-calls.ts)
 * are chunks loaded on first use. Rolldown comes with vite, pinned in package.json.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { builtinsWithoutEsmFacade, eagerModuleWrappers, lazyBuiltinRequires } from './bundle-gateway-plugins.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(repoRoot, 'dist', 'gateway', 'cli', 'index.js');
const bundleDir = join(repoRoot, 'dist', 'bundle');
/** Built here first, then moved into bundleDir (see publish()). */
const stagingDir = join(repoRoot, 'dist', `.bundle-${process.pid}`);
/** `--prune`: drop every chunk of earlier builds now (`npm run dist`, before packaging). */
const pruneAll = process.argv.includes('--prune');
/**
 * How long chunks of an earlier build stay: a gateway started from it loads its lazy chunks (the
 * AI SDK on the first chat, say) by their content-hashed names, and the tests and benchmarks of
 * this shared tree rebuild while other gateways run.
 */
const KEEP_EARLIER_CHUNKS_MS = 60 * 60 * 1000;

/**
 * Left to node_modules, resolved beside the bundle at run time:
 * - sh-syntax loads its WebAssembly parser (`main.wasm`) and Go's `wasm_exec` from its own folder
 *   (gateway/features/exec-approvals/shell-parser.ts resolves them through the package);
 * - bufferutil and utf-8-validate are optional native add-ons `ws` tries in a try/catch; they are
 *   not installed, and ws works without them.
 * - zlib-sync is the optional native inflater @discordjs/ws tries with `import().catch()`; it is
 *   not installed, and the Discord channel asks for no transport compression.
 * electron-builder.yml unpacks node_modules/sh-syntax beside the bundle for the packaged app.
 */
const EXTERNAL_PACKAGES = ['sh-syntax', 'bufferutil', 'utf-8-validate', 'zlib-sync'];

rmSync(stagingDir, { recursive: true, force: true });
const started = performance.now();
/** @type {string[]} */
const problems = [];
const result = await build({
  input: { gatehouse: entry },
  platform: 'node',
  cwd: repoRoot,
  external: EXTERNAL_PACKAGES.map((name) => new RegExp(`^${name}(/|$)`)),
  plugins: [lazyBuiltinRequires(), builtinsWithoutEsmFacade(), eagerModuleWrappers()],
  // An import the bundler cannot resolve would only fail when that code runs: stop the build.
  onLog(level, log, defaultHandler) {
    if (level === 'warn' && (log.code === 'UNRESOLVED_IMPORT' || log.code === 'MISSING_EXPORT')) problems.push(log.message);
    else defaultHandler(level, log);
  },
  output: {
    dir: stagingDir,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    // Error and class names show up in logs and in `name` checks (GatewayError, AI_APICallError…).
    keepNames: true,
    sourcemap: false,
    // Smaller chunks to read and compile; no JSDoc in the bundle, and one-byte source strings in V8.
    comments: { legal: true, annotation: false, jsdoc: false },
    charset: 'ascii',
  },
  write: true,
});
if (problems.length > 0) {
  rmSync(stagingDir, { recursive: true, force: true });
  process.stderr.write(`bundle-gateway: ${problems.length} import(s) could not be bundled:\n${problems.join('\n')}\n`);
  process.exit(1);
}
// Outside the repo (the packaged app) nothing above dist/bundle says its .js files are ES modules,
// and gateway/core/runtime/version.ts, walking up from the chunk, finds its version here.
const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
writeFileSync(join(stagingDir, 'package.json'), `${JSON.stringify({ name, version, private: true, type: 'module' }, null, 2)}\n`);

// The bundled skills (gateway/features/skills/bundled-skills-dir.ts looks for them beside the bundle).
cpSync(join(repoRoot, 'gateway', 'features', 'skills', 'bundled'), join(stagingDir, 'skills'), { recursive: true });

const files = result.output.filter((item) => item.type === 'chunk');
const pruned = publish(files.map((chunk) => chunk.fileName));
const kib = files.reduce((total, chunk) => total + chunk.code.length, 0) / 1024;
process.stdout.write(
  `bundle-gateway: ${relative(repoRoot, join(bundleDir, 'gatehouse.js'))} + ${files.length - 1} chunks, ${Math.round(kib)} KiB, in ${Math.round(performance.now() - started)} ms` +
    `${pruned > 0 ? `; removed ${pruned} chunk(s) of earlier builds` : ''}\n`,
);

/**
 * Moves the new build into dist/bundle/ without a moment in which it is missing or half there:
 * chunks first (content-hashed names: a name that exists already holds the same code), then the
 * entry, renamed over the old one in one step. Chunks of earlier builds stay for a while (see
 * KEEP_EARLIER_CHUNKS_MS) for the gateways still running from them.
 * @param {string[]} fileNames the new build's files, relative to the bundle dir
 * @returns {number} how many earlier chunks were removed
 */
function publish(fileNames) {
  mkdirSync(join(bundleDir, 'chunks'), { recursive: true });
  const current = new Set(fileNames);
  const entries = ['package.json', ...fileNames.filter((file) => !file.startsWith('chunks/'))];
  for (const file of fileNames.filter((candidate) => candidate.startsWith('chunks/'))) renameSync(join(stagingDir, file), join(bundleDir, file));
  for (const file of entries) renameSync(join(stagingDir, file), join(bundleDir, file));
  // The skills folder is replaced whole: a gateway reads it at run time, and a stale one would differ.
  rmSync(join(bundleDir, 'skills'), { recursive: true, force: true });
  renameSync(join(stagingDir, 'skills'), join(bundleDir, 'skills'));
  rmSync(stagingDir, { recursive: true, force: true });
  let pruned = 0;
  for (const file of readdirSync(join(bundleDir, 'chunks'))) {
    const path = join(bundleDir, 'chunks', file);
    if (current.has(`chunks/${file}`) || (!pruneAll && Date.now() - statSync(path).mtimeMs < KEEP_EARLIER_CHUNKS_MS)) continue;
    rmSync(path, { force: true });
    pruned += 1;
  }
  return pruned;
}
