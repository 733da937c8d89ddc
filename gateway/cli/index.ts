#!/usr/bin/env node
// The entry point installs the warning filter before anything loads node:sqlite: static imports
// are all linked before any module body runs, so the filter must come first and the CLI after.
import './silence-sqlite-warning.js';

await import('./main.js');
