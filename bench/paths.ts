import { resolve } from 'node:path';

// This file compiles to dist/bench/paths.js, so the repository root is two levels up.
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/**
 * The bundled CLI (build/bundle-gateway.mjs): what people, the companion and the tests run.
 * BENCH_GATEWAY_ENTRY measures another build with the same bench, e.g. an older commit's
 * `dist/bundle/gatehouse.js` for a before/after comparison in one sitting.
 */
export const GATEWAY_CLI_ENTRY = resolve(process.env['BENCH_GATEWAY_ENTRY'] ?? resolve(REPO_ROOT, 'dist/bundle/gatehouse.js'));
export const CEILING_SERVER_ENTRY = resolve(REPO_ROOT, 'dist/bench/ceiling-server.js');
export const RELAY_SERVER_ENTRY = resolve(REPO_ROOT, 'dist/bench/chat-latency/relay-server.js');
/** Results go beside the sources (bench/results), not into dist/. */
export const RESULTS_DIR = resolve(REPO_ROOT, 'bench/results');
