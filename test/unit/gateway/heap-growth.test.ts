import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { favourFewerFullCollections } from '../../../gateway/core/runtime/heap-growth.js';

/** The built module (`npm test` builds the gateway first), loaded by a plain Node child. */
const MODULE_URL = pathToFileURL(resolve(import.meta.dirname, '../../../dist/gateway/core/runtime/heap-growth.js')).href;

// The effect itself (fewer full collections under streaming load) is measured by the chat-latency
// benchmark; these tests pin down when the setting is applied.
describe('heap growth', () => {
  it('leaves a --heap-growing-percent given to Node alone', () => {
    expect(favourFewerFullCollections(['--heap-growing-percent=50'])).toBe(false);
    expect(favourFewerFullCollections(['--max-old-space-size=512', '--heap-growing-percent=0'])).toBe(false);
  });

  it('applies the setting in a process started without one', () => {
    const script = `const { favourFewerFullCollections } = await import(${JSON.stringify(MODULE_URL)}); console.log(favourFewerFullCollections());`;
    const run = (nodeFlags: string[]) => spawnSync(process.execPath, [...nodeFlags, '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 30_000 });
    const plain = run([]);
    expect(plain.stderr).toBe('');
    expect(plain.stdout.trim()).toBe('true');
    expect(run(['--heap-growing-percent=0']).stdout.trim()).toBe('false');
  });
});
