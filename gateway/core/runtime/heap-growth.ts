import { setFlagsFromString } from 'node:v8';

/**
 * After a full collection V8 lets the old generation grow to (1 + this/100) × what survived
 * before it collects again. Left to itself it picks about 1.3–1.5× for the gateway under load.
 */
export const HEAP_GROWING_PERCENT = 200;

/**
 * A streaming run keeps its provider stream, web-stream stages and growing reply alive for
 * seconds, so every run's objects reach the old generation and die there. With V8's own factor
 * that meant a full collection about every 5,000 tokens at 50 sessions, each holding the event
 * loop 10–30 ms (finalising, compacting, marking steps on a core the concurrent marker shares) —
 * and those pauses were nearly all of the chat-latency p99. At 3× the gateway collects about a
 * third as often, for ~25 MiB more RSS at the peak of such a load (173 vs 150 MiB, 50 sessions at
 * 2,500 tokens/s); idle memory is unchanged (the start-up trim runs first, and V8's memory
 * reducer shrinks the heap again once load ends).
 * A `--heap-growing-percent` given to Node on its command line is left alone (Node does not accept
 * it in NODE_OPTIONS).
 */
export function favourFewerFullCollections(nodeFlags: readonly string[] = process.execArgv): boolean {
  if (nodeFlags.some((flag) => flag.includes('heap-growing-percent'))) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
