import { basename, dirname, resolve } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runFuzz, type FuzzRunOptions, type FuzzRunReport } from './fuzz-run.js';

/**
 * The fuzzer on its own thread. Building and masking multi-megabyte frames blocks an event loop
 * for tens of milliseconds; on the measuring thread that would show up as the gateway's latency.
 */

/** Marked, so that importing this file on some other worker thread (a test runner's) starts nothing. */
type FuzzWorkerData = { fuzzWorker: true; options: Omit<FuzzRunOptions, 'progress'> };
type WorkerMessage = { kind: 'progress'; framesSent: number } | { kind: 'done'; report: FuzzRunReport } | { kind: 'failed'; message: string };

/** This file compiled (dist/bench/fuzz/fuzz-worker.js), also when the caller runs from the TypeScript sources. */
function compiledEntry(): string {
  const here = import.meta.dirname;
  if (basename(here) === 'fuzz' && basename(dirname(here)) === 'bench' && basename(dirname(dirname(here))) === 'dist') return resolve(here, 'fuzz-worker.js');
  return resolve(here, '../../dist/bench/fuzz/fuzz-worker.js');
}

export function runFuzzOnWorker(options: FuzzRunOptions): Promise<FuzzRunReport> {
  const { progress, ...rest } = options;
  const worker = new Worker(compiledEntry(), { workerData: { fuzzWorker: true, options: rest } satisfies FuzzWorkerData });
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') progress?.(message.framesSent);
      else if (message.kind === 'done') {
        settled = true;
        resolvePromise(message.report);
      } else {
        settled = true;
        reject(new Error(`fuzz worker: ${message.message}`));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`fuzz worker exited with code ${code} before reporting`));
    });
  });
}

const data = workerData as Partial<FuzzWorkerData> | null;
if (!isMainThread && parentPort && data?.fuzzWorker === true && data.options) {
  const port = parentPort;
  runFuzz({ ...data.options, progress: (framesSent) => port.postMessage({ kind: 'progress', framesSent } satisfies WorkerMessage) }).then(
    (report) => port.postMessage({ kind: 'done', report } satisfies WorkerMessage),
    (error: unknown) => port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage),
  );
}
