import { mkdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type ConfigIssue } from '../../../gateway/core/config/index.js';
import { createConfigSandbox, loadText, type ConfigSandbox } from './support/config-sandbox.js';

const sandboxes: ConfigSandbox[] = [];
async function issuesOf(text: string): Promise<ConfigIssue[]> {
  const loaded = await loadText(text);
  sandboxes.push(loaded.sandbox);
  expect(loaded.valid).toBe(loaded.issues.length === 0);
  return loaded.issues;
}
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.remove()));
});

/** A file with one section; `gateway.mode` keeps the mode warning out of the way. */
const withGateway = (rest: string) => `{ gateway: { mode: "local" }, ${rest} }`;

describe('wrong types and values are issues {path, message, allowedValues?} (config.md §1.2)', () => {
  it('a wrong type names the expected type and range', async () => {
    expect(await issuesOf('{ gateway: { mode: "local", port: "18789" } }')).toEqual([
      { path: 'gateway.port', message: 'must be an integer from 1 to 65535' },
    ]);
    expect(await issuesOf(withGateway('tools: { exec: { timeoutSeconds: 0, notifyOnExit: "yes" } }'))).toEqual([
      { path: 'tools.exec.timeoutSeconds', message: 'must be an integer greater than 0' },
      { path: 'tools.exec.notifyOnExit', message: 'must be true or false' },
    ]);
  });

  it('an enum lists its allowed values', async () => {
    expect(await issuesOf('{ gateway: { mode: "local", bind: "everywhere" } }')).toEqual([
      {
        path: 'gateway.bind',
        message: 'must be one of "loopback", "lan", "tailnet", "custom", "auto"',
        allowedValues: ['loopback', 'lan', 'tailnet', 'custom', 'auto'],
      },
    ]);
  });

  it('a missing required field, a list item and a secret of the wrong shape get precise paths', async () => {
    expect(
      await issuesOf(withGateway('models: { providers: { local: { baseUrl: "http://127.0.0.1:1234/v1", apiKey: 42, models: [{ id: "m" }, { name: "x", input: ["smell"] }] } } }')),
    ).toEqual([
      { path: 'models.providers.local.apiKey', message: 'must be a string or a SecretRef object {source, provider, id}' },
      { path: 'models.providers.local.models.0.name', message: 'is required' },
      {
        path: 'models.providers.local.models.1.input.0',
        message: 'must be one of "text", "image", "video", "audio"',
        allowedValues: ['text', 'image', 'video', 'audio'],
      },
      { path: 'models.providers.local.models.1.id', message: 'is required' },
    ]);
  });

  it('formats are explained in words', async () => {
    expect(
      await issuesOf(withGateway('agents: { entries: { "-bad": {} }, defaults: { heartbeat: { every: "soon", activeHours: { start: "24:00" } } } }, cron: { sessionRetention: "forever" }')),
    ).toEqual([
      { path: 'agents.entries.-bad', message: expect.stringContaining('is not a valid key here: expected an agent id') },
      { path: 'agents.defaults.heartbeat.every', message: expect.stringContaining('must be a duration such as "30m"') },
      { path: 'agents.defaults.heartbeat.activeHours.start', message: 'must be a time "HH:MM" from 00:00 to 23:59' },
      { path: 'cron.sessionRetention', message: expect.stringContaining('must be a duration such as "24h"') },
    ]);
  });

  it('a secret provider with an unknown source points at the source field', async () => {
    expect(await issuesOf(withGateway('secrets: { providers: { vault: { source: "hashicorp" } } }'))).toEqual([
      { path: 'secrets.providers.vault.source', message: 'must be one of "env", "file", "exec", "store"', allowedValues: ['env', 'file', 'exec', 'store'] },
    ]);
  });

  it('a file that is not JSON5, or not an object, is one issue at the root', async () => {
    expect(await issuesOf('{ gateway: { mode: "local" ')).toEqual([{ path: '', message: expect.stringContaining('the file is not valid JSON5') }]);
    expect(await issuesOf('[1, 2]')).toEqual([{ path: '', message: expect.stringContaining('must contain an object at the top level') }]);
  });

  it('a __proto__ key is refused outright', async () => {
    expect(await issuesOf('{ gateway: { mode: "local" }, session: { identityLinks: { "__proto__": ["x"] } } }')).toEqual([
      { path: 'session.identityLinks.__proto__', message: '"__proto__" cannot be used as a config key' },
    ]);
  });

  it('a config path that is a directory is reported, not thrown', async () => {
    const sandbox = await createConfigSandbox();
    sandboxes.push(sandbox);
    await mkdir(sandbox.configPath);
    const loaded = await loadConfig({ path: sandbox.configPath, stateDir: sandbox.stateDir, env: {} });
    expect(loaded.valid).toBe(false);
    expect(loaded.issues[0]?.message).toContain('is not a regular file');
  });
});

describe('cross-field rules', () => {
  it('gateway: custom bind needs an IPv4 host; publicOrigin is a bare https origin; trusted-proxy needs its header', async () => {
    expect(
      await issuesOf(`{ gateway: { mode: "local", bind: "custom", publicOrigin: "http://gw.example.com/app",
        auth: { mode: "trusted-proxy", token: "x" } } }`),
    ).toEqual([
      { path: 'gateway.customBindHost', message: 'is required when gateway.bind is "custom"' },
      { path: 'gateway.publicOrigin', message: 'must be a bare origin (scheme, host and port only), e.g. "http://gw.example.com"' },
      { path: 'gateway.auth.trustedProxy', message: expect.stringContaining('is required when gateway.auth.mode is "trusted-proxy"') },
      { path: 'gateway.auth.token', message: expect.stringContaining('must not be set when gateway.auth.mode is "trusted-proxy"') },
    ]);
    expect(await issuesOf('{ gateway: { mode: "local", auth: { token: "undefined" } } }')).toEqual([
      { path: 'gateway.auth.token', message: 'must be a real token, not blank, "undefined" or "null"' },
    ]);
  });

  it('gateway.trustedProxies: an entry that is no address or CIDR is ignored with a warning, not trusted', async () => {
    const loaded = await loadText(`{ gateway: { mode: "local", trustedProxies: ["127.0.0.1", "10.0.0.0/8", "fd00::/8", "proxy.lan", "10.0.0.0/40"] } }`);
    sandboxes.push(loaded.sandbox);
    expect(loaded.issues).toEqual([]);
    expect(loaded.warnings).toEqual([
      'gateway.trustedProxies[3] ("proxy.lan") is not an IP address or CIDR range such as "10.0.0.0/8"; it is ignored',
      'gateway.trustedProxies[4] ("10.0.0.0/40") is not an IP address or CIDR range such as "10.0.0.0/8"; it is ignored',
    ]);
  });

  it('gateway.remote: wss for public hosts and a real SHA-256 fingerprint', async () => {
    expect(await issuesOf('{ gateway: { mode: "remote", remote: { url: "ws://gw.example.com:18789", tlsFingerprint: "abc" } } }')).toEqual([
      { path: 'gateway.remote.tlsFingerprint', message: expect.stringContaining('must be a SHA-256 fingerprint') },
      { path: 'gateway.remote.url', message: expect.stringContaining('must use wss:// for a public host') },
    ]);
    expect(await issuesOf('{ gateway: { mode: "remote", remote: { url: "ws://box.tail1234.ts.net:18789" } } }')).toEqual([]);
  });

  it('models: a custom provider must declare baseUrl and models, with unique model ids', async () => {
    expect(
      await issuesOf(withGateway('models: { providers: { lab: { apiKey: "k" }, openrouter: { baseUrl: "https://openrouter.ai/api/v1", models: [{ id: "a", name: "A" }, { id: "a", name: "B" }] } } }')),
    ).toEqual([
      { path: 'models.providers.lab', message: expect.stringContaining('custom model providers must declare baseUrl and models') },
      { path: 'models.providers.openrouter.api', message: expect.stringContaining('is required for "openrouter"') },
      { path: 'models.providers.openrouter.models.1.id', message: 'duplicate model id "a" in this provider' },
    ]);
  });

  it('agents: a fleet needs explicit ownership or one default, ids are case-insensitive', async () => {
    expect(await issuesOf(withGateway('agents: { entries: { home: {}, ops: {} } }'))).toEqual([
      { path: 'agents.entries', message: 'with more than one agent, set agents.ownership: "explicit" or mark exactly one entry default: true' },
    ]);
    expect(await issuesOf(withGateway('agents: { ownership: "explicit", entries: { Home: {}, home: {} }, defaults: { systemAgent: { agentId: "nobody" } } }'))).toEqual([
      { path: 'agents.entries.home', message: expect.stringContaining('agent ids are case-insensitive') },
      { path: 'agents.defaults.systemAgent.agentId', message: 'names no agent in agents.entries ("nobody")' },
    ]);
    expect(await issuesOf(withGateway('agents: { entries: { a: { default: true }, b: { default: true } } }'))).toEqual([
      { path: 'agents.entries', message: 'only one agent may have default: true (found a, b)' },
      { path: 'agents.entries', message: expect.stringContaining('mark exactly one entry default: true') },
    ]);
  });

  it('exec: legacy security/ask next to mode is an error suggesting the equivalent mode', async () => {
    expect(await issuesOf(withGateway('tools: { exec: { mode: "full", security: "allowlist", ask: "on-miss" } }'))).toEqual([
      { path: 'tools.exec.security', message: 'cannot be combined with tools.exec.mode; remove it (security/ask are legacy — the equivalent is mode: "ask")' },
    ]);
  });

  it('channels: defaultAccount must name an account, a webhook needs its secret, a closed DM policy warns', async () => {
    const loaded = await loadText(withGateway(`channels: {
      telegram: { webhookUrl: "https://example.com/tg", defaultAccount: "work", accounts: { home: {} } },
      discord: { dmPolicy: "open" } }`));
    sandboxes.push(loaded.sandbox);
    expect(loaded.issues).toEqual([
      { path: 'channels.telegram.webhookSecret', message: 'is required when webhookUrl is set' },
      { path: 'channels.telegram.defaultAccount', message: 'must name an account in channels.telegram.accounts', allowedValues: ['home'] },
    ]);
    expect(loaded.warnings).toEqual(['channels.discord: dmPolicy "open" needs allowFrom to include "*"; until then every DM is dropped']);
  });
});
