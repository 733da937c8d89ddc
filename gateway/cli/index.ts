#!/usr/bin/env node
// The entry point installs the warning filter and the compile cache before anything else loads:
// static imports are all linked before any module body runs, so both must come first and the CLI
// after, through a dynamic import (a chunk of its own in the bundle, build/bundle-gateway.mjs).
import './silence-sqlite-warning.js';
import { enableModuleCompileCache } from './compile-cache.js';

enableModuleCompileCache();
await import('./main.js');
