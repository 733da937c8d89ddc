#!/usr/bin/env node
// The published entry (`gatehouse …`). CommonJS (bin/package.json): it loads faster than an ES
// module and any Node can parse it.
//
// It checks the Node version before anything else is loaded — no imports, and no syntax an older
// Node cannot parse — because on an older Node the CLI would die on its first import of
// node:sqlite (ERR_UNKNOWN_BUILTIN_MODULE) with a stack trace.
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

// `gateway run` replaces itself with the same command plus the allocator settings, as the bundle's
// own entry does (gateway/cli/allocator-settings.ts, which says why). Done here, before the bundle
// loads, because everything loaded before the execve is thrown away: each start saves that work.
// Keep ALLOCATOR_ENV in step with shared/gateway-host/launch-env.ts (test/integration/allocator-settings.test.ts).
const ALLOCATOR_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' };
const args = process.argv.slice(2);
const gatewayAt = args.indexOf('gateway');
const isGatewayRun = gatewayAt !== -1 && args[gatewayAt + 1] === 'run';
if (isGatewayRun && process.platform === 'linux' && process.versions.electron === undefined && typeof process.execve === 'function') {
  const missing = Object.entries(ALLOCATOR_ENV).filter(([name]) => process.env[name] === undefined);
  if (missing.length > 0) {
    try {
      process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, ...Object.fromEntries(missing) });
    } catch {
      // Could not exec here: the bundle's entry tries the same and otherwise runs as it is.
    }
  }
}

// The CLI is the bundle `npm run build:gateway` makes (build/bundle-gateway.mjs), built by `npm install` through `prepare`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const entry = join(__dirname, '../dist/bundle/gatehouse.js');
if (!existsSync(entry)) {
  console.error('gatehouse: the CLI is not built yet. Run `npm run build:gateway` in the Gatehouse folder.');
  process.exit(1);
}
import(pathToFileURL(entry).href);
