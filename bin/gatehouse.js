#!/usr/bin/env node
// The published entry (`gatehouse …`). It checks the Node version before anything else is loaded
// — no static imports, and no syntax an older Node cannot parse — because on an older Node the CLI
// would die on its first import of node:sqlite (ERR_UNKNOWN_BUILTIN_MODULE) with a stack trace.
// Keep REQUIRED_NODE in step with "engines" in package.json (test/integration/cli-node-version.test.ts).
const REQUIRED_NODE = '22.12.0';

const [major, minor] = process.versions.node.split('.').map(Number);
const [requiredMajor, requiredMinor] = REQUIRED_NODE.split('.').map(Number);
if (major < requiredMajor || (major === requiredMajor && minor < requiredMinor)) {
  console.error(
    `gatehouse needs Node.js ${requiredMajor}.${requiredMinor} or newer (22 or 24 recommended) but this is Node ${process.versions.node}: ` +
      'install a current release from https://nodejs.org or with a version manager (for example `nvm install 24`), then run gatehouse again.',
  );
  process.exit(1);
}

// The CLI is the bundle `npm run build:gateway` makes (build/bundle-gateway.mjs), built by `npm install` through `prepare`.
const { existsSync } = await import('node:fs');
const { fileURLToPath } = await import('node:url');
const entry = new URL('../dist/bundle/gatehouse.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('gatehouse: the CLI is not built yet. Run `npm run build:gateway` in the Gatehouse folder.');
  process.exit(1);
}
await import(entry.href);
