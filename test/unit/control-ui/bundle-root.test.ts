import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { controlUiRoot } from '../../../gateway/features/control-ui/bundle-root.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-ui-root-'));
  made.push(root);
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), file.endsWith('package.json') ? JSON.stringify({ name: 'gatehouse' }) : '');
  }
  return root;
}

describe('where the gateway finds the Control UI bundle', () => {
  it('uses the configured root as given', () => {
    expect(controlUiRoot('/srv/ui', pathToFileURL('/anywhere/x.js').href)).toBe('/srv/ui');
  });

  it('finds dist/control-ui of the package from a bundle chunk', () => {
    const root = tree(['package.json', 'dist/bundle/chunks/feature.js', 'dist/control-ui/index.html']);
    expect(controlUiRoot(undefined, pathToFileURL(join(root, 'dist/bundle/chunks/feature.js')).href)).toBe(join(root, 'dist', 'control-ui'));
  });

  it('finds it in the packaged app, where package.json stays inside app.asar', () => {
    const root = tree(['resources/app.asar.unpacked/dist/bundle/gatehouse.js', 'resources/app.asar.unpacked/dist/control-ui/index.html']);
    const unpacked = join(root, 'resources', 'app.asar.unpacked');
    expect(controlUiRoot(undefined, pathToFileURL(join(unpacked, 'dist/bundle/gatehouse.js')).href)).toBe(join(unpacked, 'dist', 'control-ui'));
  });
});

describe('where the gateway finds the Control UI bundle, run from dist/bundle', () => {
  it('is not misled by the bundle folder’s own package.json', () => {
    const root = tree(['package.json', 'gateway/x.ts', 'dist/bundle/package.json', 'dist/bundle/gatehouse.js', 'dist/control-ui/index.html']);
    expect(controlUiRoot(undefined, pathToFileURL(join(root, 'dist/bundle/gatehouse.js')).href)).toBe(join(root, 'dist', 'control-ui'));
  });

  it('names the package’s dist/control-ui when the UI is not built', () => {
    const root = tree(['package.json', 'gateway/x.ts', 'dist/bundle/package.json', 'dist/bundle/gatehouse.js']);
    expect(controlUiRoot(undefined, pathToFileURL(join(root, 'dist/bundle/gatehouse.js')).href)).toBe(join(root, 'dist', 'control-ui'));
  });
});
