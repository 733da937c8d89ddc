#!/usr/bin/env node
// The published entry: the compiled CLI lives in dist/ (built by `npm install` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/gateway/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('gatehouse: the CLI is not built yet. Run `npm run build:gateway` in the Gatehouse folder.');
  process.exit(1);
}
await import(entry.href);
