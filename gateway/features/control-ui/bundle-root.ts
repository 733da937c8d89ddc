import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The built browser UI (`npm run build:control-ui`) is dist/control-ui/ of the package. The
// gateway runs from dist/bundle/ or from source (tests): walk up from this module to the
// package, as gateway/core/runtime/version.ts does for package.json. The packaged app has no
// package.json on that walk (it stays in app.asar while the bundle runs from
// app.asar.unpacked/dist/bundle/), so a dist/ folder holding control-ui/index.html counts too.

function isGatehousePackage(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'gatehouse';
  } catch {
    return false;
  }
}

/** `gateway.controlUi.root` when configured, else `<package>/dist/control-ui`. */
export function controlUiRoot(configured: string | undefined, from = import.meta.url): string {
  if (configured) return configured;
  let dir = dirname(fileURLToPath(from));
  let packageDir: string | undefined;
  for (let depth = 0; depth < 8; depth++) {
    // A built UI wins over a package.json: dist/bundle/ has one of its own (it marks the chunks
    // as ES modules) that would otherwise send the search to dist/bundle/dist/control-ui.
    if (existsSync(join(dir, 'control-ui', 'index.html'))) return join(dir, 'control-ui');
    if (existsSync(join(dir, 'dist', 'control-ui', 'index.html'))) return join(dir, 'dist', 'control-ui');
    if (packageDir === undefined && isGatehousePackage(dir) && existsSync(join(dir, 'gateway'))) packageDir = dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Not built yet: the missing-bundle page names the folder `npm run build:control-ui` fills.
  return packageDir !== undefined ? join(packageDir, 'dist', 'control-ui') : join(dirname(fileURLToPath(from)), 'control-ui');
}
