import Type from 'typebox';
import { section } from './primitives.js';

// openclaw-families.md §8: Gatehouse runs no browser of its own; `browser.request` goes to a
// node with the browser capability. Only the on/off switch applies; the rest configures
// OpenClaw's own Chrome control and loads with a warning.

export const BrowserSchema = section(
  {
    enabled: Type.Optional(Type.Boolean({ description: 'Allow browser.request (through a browser node); default true.' })),
  },
  {
    ignored: [
      'evaluateEnabled', 'cdpUrl', 'remoteCdpTimeoutMs', 'remoteCdpHandshakeTimeoutMs',
      'localLaunchTimeoutMs', 'localCdpReadyTimeoutMs', 'actionTimeoutMs', 'color', 'executablePath',
      'headless', 'noSandbox', 'attachOnly', 'cdpPortRangeStart', 'defaultProfile', 'snapshotDefaults',
      'ssrfPolicy', 'profiles', 'extraArgs', 'tabCleanup',
    ],
  },
);
