import { setFlagsFromString } from 'node:v8';

/**
 * When V8's optimizing compiler (TurboFan) may run. It starts on code that runs hot, and at start-up
 * that is code that runs once: module evaluation and the loops building the config and protocol
 * schemas. Compiling it pulls the compiler into memory and keeps its output; measured on the
 * gateway, 70 → 59 MiB of idle RSS without it during start-up, and `gatehouse gateway call health`
 * 66 → 60 MiB peak, with no start-up time lost. Code that is hot for real gets optimized once the
 * compiler is back, as it would have been.
 *
 * V8 reads this flag each time it considers optimizing a function, so it can be turned off and on
 * while the process runs (as heap-growth.ts does with its flag). `--turbofan` is its name since V8
 * 10.9 (`--opt` is an alias). Maglev, off by default in Node 22's V8, is left as it is. A
 * --turbofan/--opt choice given to Node on its command line is left alone too.
 */
function chosenOnCommandLine(nodeFlags: readonly string[]): boolean {
  return nodeFlags.some((flag) => /^--(no-)?(opt|turbofan)(=|$)/.test(flag));
}

/** For the commands that do one thing and exit (`call`, `status`, `token`): no optimizing at all. */
export function skipOptimizingCompiler(nodeFlags: readonly string[] = process.execArgv): boolean {
  if (chosenOnCommandLine(nodeFlags)) return false;
  setFlagsFromString('--no-turbofan');
  return true;
}

/** For the daemon: no optimizing during start-up; the function returned turns it back on. */
export function holdOptimizingCompiler(nodeFlags: readonly string[] = process.execArgv): () => void {
  if (!skipOptimizingCompiler(nodeFlags)) return () => undefined;
  return () => setFlagsFromString('--turbofan');
}
