#!/usr/bin/env node
// The entry point installs the warning filter and the compile cache before anything else loads:
// static imports are all linked before any module body runs, so both must come first and the CLI
// after, through a dynamic import (a chunk of its own in the bundle, build/bundle-gateway.mjs).
import './silence-sqlite-warning.js';
import { restartWithAllocatorSettings } from './allocator-settings.js';
import { enableModuleCompileCache } from './compile-cache.js';

// Before anything else loads: the restart (execve) throws away all work done before it.
if (isGatewayRun(process.argv.slice(2))) restartWithAllocatorSettings();
enableModuleCompileCache();
await import('./main.js');

function isGatewayRun(args: readonly string[]): boolean {
  const at = args.indexOf('gateway');
  return at !== -1 && args[at + 1] === 'run';
}
