import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { holdOptimizingCompiler, skipOptimizingCompiler } from '../../../gateway/cli/optimizing-compiler.js';

/** The built module (`npm test` builds the gateway first), loaded by a plain Node child. */
const MODULE_URL = pathToFileURL(resolve(import.meta.dirname, '../../../dist/gateway/cli/optimizing-compiler.js')).href;

/** V8's optimization status bit for "optimized by TurboFan" (%GetOptimizationStatus). */
const TURBOFANNED = 1 << 4;

// What it saves (start-up memory) is measured by `npm run bench -- startup`; these tests pin down
// that the compiler is really held and really comes back.
describe('the optimizing compiler around start-up', () => {
  it('leaves a --turbofan / --opt choice given to Node alone', () => {
    expect(skipOptimizingCompiler(['--no-opt'])).toBe(false);
    expect(skipOptimizingCompiler(['--turbofan=false'])).toBe(false);
    expect(skipOptimizingCompiler(['--max-old-space-size=512', '--turbofan'])).toBe(false);
    holdOptimizingCompiler(['--no-turbofan'])(); // nothing set, nothing to undo
  });

  it('keeps a hot function unoptimized while held, and optimizes it once resumed', () => {
    const script = `
      const { holdOptimizingCompiler } = await import(${JSON.stringify(MODULE_URL)});
      function hot(n) { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i) * (i & 7); return s; }
      const warm = () => { for (let k = 0; k < 100; k++) hot(20000); return %GetOptimizationStatus(hot); };
      const resume = holdOptimizingCompiler([]);
      const held = warm();
      resume();
      let resumed = warm();
      for (let round = 0; round < 50 && !(resumed & ${TURBOFANNED}); round++) resumed = warm();
      console.log(JSON.stringify({ held, resumed }));`;
    const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 30_000 });
    expect(run.stderr).toBe('');
    const { held, resumed } = JSON.parse(run.stdout) as { held: number; resumed: number };
    expect(held & TURBOFANNED).toBe(0);
    expect(resumed & TURBOFANNED).toBe(TURBOFANNED);
  });
});
