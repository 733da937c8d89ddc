import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The skills that ship with Gatehouse live in gateway/features/skills/bundled/. The gateway runs
// from the bundle (dist/bundle/, build/bundle-gateway.mjs copies them to dist/bundle/skills/, and
// the packaged app carries dist/bundle/**) or from source (tests): walk up from this module, as
// gateway/core/runtime/version.ts does for package.json.

function isGatehousePackage(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'gatehouse';
  } catch {
    return false;
  }
}

/** `GATEHOUSE_BUNDLED_SKILLS_DIR` overrides (tests); undefined when no bundled folder is found. */
export function findBundledSkillsDir(env: NodeJS.ProcessEnv, from = import.meta.url): string | undefined {
  if (env.GATEHOUSE_BUNDLED_SKILLS_DIR) return env.GATEHOUSE_BUNDLED_SKILLS_DIR;
  let dir = dirname(fileURLToPath(from));
  for (let depth = 0; depth < 8; depth++) {
    if (isGatehousePackage(dir)) {
      for (const candidate of [join(dir, 'skills'), join(dir, 'gateway', 'features', 'skills', 'bundled')]) {
        if (existsSync(join(candidate))) return candidate;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
