/** What `npm run bench -- ui` measures against (issue 15) and how often. */
import { resolve } from 'node:path';
import { REPO_ROOT } from '../paths.js';

export const CONTROL_UI_ROOT = resolve(REPO_ROOT, 'dist/control-ui');

export const TARGETS = {
  /** JavaScript the first page load fetches, gzip-compressed: every page but the first is a lazy chunk. */
  initialJsGzipBytes: 250_000,
  /** Navigation → the chat composer is enabled, on loopback. */
  usableChatMs: 400,
  /** Click on a 5,000-message session in the chat's list → its newest message is painted. */
  longSessionFirstPaintMs: 300,
} as const;

/** Navigations measured per scenario (after one unmeasured warm-up); the median is judged. */
export const SAMPLES = 7;

export const LONG_SESSION_MESSAGES = 5_000;

/** Debian Chromium with the launch args of playwright.config.ts. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
