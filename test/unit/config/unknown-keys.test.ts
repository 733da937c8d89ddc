import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../../gateway/core/config/index.js';
import { loadText, type ConfigSandbox } from './support/config-sandbox.js';

const sandboxes: ConfigSandbox[] = [];
async function load(text: string, env: NodeJS.ProcessEnv = {}): Promise<LoadedConfig> {
  const loaded = await loadText(text, env);
  sandboxes.push(loaded.sandbox);
  return loaded;
}
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.remove()));
});

const PASTED_OPENCLAW_FILE = `{
  gateway: { mode: "local", tailscale: { mode: "serve" }, controlUi: { embedSandbox: "strict" } },
  ui: { seamColor: "#FF4500" },
  agents: { defaults: { compaction: { mode: "safeguard" } } },
  tools: { web: { search: { enabled: true } }, exec: { mode: "full" } },
  channels: { whatsapp: { dmPolicy: "pairing" }, telegram: { streaming: "partial" } },
  session: { maintenance: { mode: "warn" } },
}`;

describe('keys Gatehouse does not implement (config.md §1.2)', () => {
  it('OpenClaw keys are ignored, one warning each, and the file stays valid', async () => {
    const loaded = await load(PASTED_OPENCLAW_FILE);

    expect(loaded.valid).toBe(true);
    expect(loaded.warnings).toEqual([
      'ignored (not supported by Gatehouse): gateway.tailscale',
      'ignored (not supported by Gatehouse): gateway.controlUi.embedSandbox',
      'ignored (not supported by Gatehouse): ui',
      'ignored (not supported by Gatehouse): agents.defaults.compaction',
      'ignored (not supported by Gatehouse): tools.web',
      'ignored (not supported by Gatehouse): channels.whatsapp',
      'ignored (not supported by Gatehouse): channels.telegram.streaming',
      'ignored (not supported by Gatehouse): session.maintenance',
    ]);
    expect(loaded.config).not.toHaveProperty('ui');
    expect(loaded.config.tools?.exec?.mode).toBe('full');
  });

  it('GATEHOUSE_CONFIG_STRICT=1 turns every ignored key into an error', async () => {
    const loaded = await load(PASTED_OPENCLAW_FILE, { GATEHOUSE_CONFIG_STRICT: '1' });
    expect(loaded.valid).toBe(false);
    expect(loaded.issues.map((issue) => issue.path)).toContain('gateway.tailscale');
    expect(loaded.issues[0]?.message).toBe('not supported by Gatehouse (rejected because GATEHOUSE_CONFIG_STRICT=1)');
  });

  it('a key nobody knows is a typo: an error, with a suggestion when one is close', async () => {
    const loaded = await load('{ gateway: { mode: "local", prot: 18790 }, modles: {} }');
    expect(loaded.valid).toBe(false);
    expect(loaded.issues).toEqual([
      { path: 'gateway.prot', message: 'unknown config key (neither a Gatehouse nor an OpenClaw setting); did you mean "port"?' },
      { path: 'modles', message: 'unknown config key (neither a Gatehouse nor an OpenClaw setting); did you mean "models"?' },
    ]);
  });

  it('the bench extras and meta.* load silently; other parts of the same sections still warn', async () => {
    const loaded = await load(`{ gateway: { mode: "local" }, $schema: "https://example.com/schema.json",
      meta: { lastTouchedVersion: "2026.9.6" }, discovery: { mdns: { mode: "off" }, wideArea: { enabled: true } },
      update: { checkOnStart: false }, models: { catalogRefresh: { enabled: false } } }`);
    expect(loaded.valid).toBe(true);
    expect(loaded.warnings).toEqual(['ignored (not supported by Gatehouse): discovery']);
  });

  it('$include is rejected with the spec message', async () => {
    const loaded = await load('{ gateway: { mode: "local" }, agents: { $include: "./agents.json5" } }');
    expect(loaded.valid).toBe(false);
    expect(loaded.issues).toEqual([{ path: 'agents.$include', message: expect.stringMatching(/^\$include is not supported by Gatehouse/) }]);
  });

  it('a Gatehouse-only compat key in the file is honoured, with a warning that OpenClaw would reject it', async () => {
    const loaded = await load('{ gateway: { mode: "local", compat: { bareHandshake: false } } }');
    expect(loaded.valid).toBe(true);
    expect(loaded.config.gateway?.compat?.bareHandshake).toBe(false);
    expect(loaded.warnings[0]).toContain('gateway.compat is a Gatehouse-only key');
  });
});
