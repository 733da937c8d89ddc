import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { createTestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

// The wizard writes the config (keys, the gateway token, a bot token): only operator.admin may
// drive it, answers are parsed against the step they answer, a stale or replayed answer does
// nothing, and a secret typed into it never comes back in any frame. The key check sends a key
// only to the provider the config names (a local stand-in here), and only a key without
// whitespace, so a typed line break cannot add a header to that request.

const SECRET = 'sk-attack-secret-never-echoed';

describe('wizard attacks', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  let provider: ModelProviderServer;
  let configText: string;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    provider.acceptOnlyApiKey(SECRET);
    configText = JSON.stringify({ models: { providers: { openai: { baseUrl: provider.openAiBaseUrl } } } });
    gateway = await startGateway({ config: configText, env: { OPENAI_API_KEY: undefined } });
    admin = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'admin-ui', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    await provider.close();
    removeStateDir(gateway.stateDir);
  });

  async function deviceWith(scopes: string[]): Promise<RawClient> {
    const device = createTestDevice();
    const first = await connectClient(gateway.url, { token: gateway.token, device, scopes });
    first.client.close();
    return (await connectClient(gateway.url, { device, deviceToken: first.hello.auth.deviceToken as string, scopes })).client;
  }

  it('a read or write device can neither start, drive, read nor cancel a wizard', async () => {
    const started = await admin.call('wizard.start', {});
    for (const scopes of [['operator.read'], ['operator.read', 'operator.write']]) {
      const client = await deviceWith(scopes);
      for (const [method, params] of [
        ['wizard.start', {}],
        ['wizard.next', { sessionId: started.sessionId, answer: { stepId: started.step.id } }],
        ['wizard.status', { sessionId: started.sessionId }],
        ['wizard.cancel', { sessionId: started.sessionId }],
      ] as const) {
        const response = await client.request(method, params);
        expect(response.error, `${method} with ${scopes.join(',')}`).toMatchObject({ details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin' } });
      }
      client.close();
    }
    expect((await admin.call('wizard.status', { sessionId: started.sessionId })).status).toBe('running');
    await admin.call('wizard.cancel', { sessionId: started.sessionId });
  });

  it.each([
    ['wizard.start', { mode: 'cloud' }],
    ['wizard.start', { workspace: 'x'.repeat(1_025) }],
    ['wizard.start', { flow: 'everything' }],
    ['wizard.start', { injected: true }],
    ['wizard.next', { sessionId: 'x'.repeat(129) }],
    ['wizard.next', { sessionId: 's', answer: { value: true } }],
    ['wizard.next', { sessionId: 's', answer: { stepId: 'a', value: true, extra: 1 } }],
    ['wizard.next', { sessionId: 42 }],
    ['wizard.cancel', { sessionId: '' }],
    ['wizard.status', {}],
    ['wizard.status', { sessionId: 'unknown-session' }],
  ])('%s refuses %j', async (method, params) => {
    const response = await admin.request(method, params);
    expect(response.error?.code).toBe('INVALID_REQUEST');
  });

  it('refuses an oversized or mistyped answer and keeps the step; a replayed or stale answer does nothing', async () => {
    const started = await admin.call('wizard.start', {});
    const { sessionId } = started;
    await admin.call('wizard.next', { sessionId, answer: { stepId: started.step.id } });
    // The same note answered again: the step is gone.
    expect((await admin.request('wizard.next', { sessionId, answer: { stepId: started.step.id } })).error.message).toBe('wizard: no pending step');
    const risk = (await admin.call('wizard.next', { sessionId })).step;
    expect(risk.type).toBe('confirm');
    expect((await admin.request('wizard.next', { sessionId, answer: { stepId: risk.id, value: { valueOf: true } } })).error.code).toBe('INVALID_REQUEST');
    await admin.call('wizard.next', { sessionId, answer: { stepId: risk.id, value: true } });
    const providerStep = (await admin.call('wizard.next', { sessionId })).step;
    expect((await admin.request('wizard.next', { sessionId, answer: { stepId: providerStep.id, value: '__proto__' } })).error.code).toBe('INVALID_REQUEST');
    await admin.call('wizard.next', { sessionId, answer: { stepId: providerStep.id, value: 'openai' } });
    const key = (await admin.call('wizard.next', { sessionId })).step;
    expect((await admin.request('wizard.next', { sessionId, answer: { stepId: key.id, value: 'k'.repeat(4_097) } })).error.message).toContain('longer than 4096');
    // A line break would smuggle a header into the key check: refused at the step, nothing sent.
    for (const smuggled of [`${SECRET}\r\nX-Injected: 1`, `${SECRET}\nHost: evil.example`, 'sk a b']) {
      expect((await admin.request('wizard.next', { sessionId, answer: { stepId: key.id, value: smuggled } })).error.message).toBe('wizard: an API key has no spaces');
    }
    expect(provider.requests).toEqual([]);
    const check = (await admin.call('wizard.next', { sessionId, answer: { stepId: key.id, value: SECRET } })).step;
    expect(check).toMatchObject({ type: 'progress', executor: 'gateway' });
    const model = (await admin.call('wizard.next', { sessionId, answer: { stepId: check.id } })).step;
    expect(model.title).toBe('Default model');
    expect(admin.rawTexts.filter((text) => text.includes(SECRET))).toEqual([]);
    // The key went to the configured provider only, once, as its bearer token.
    expect(provider.requests.map((request) => [request.path, request.headers.authorization])).toEqual([['/v1/models', `Bearer ${SECRET}`]]);
    expect(gateway.output()).not.toContain(SECRET);

    await admin.call('wizard.cancel', { sessionId });
    expect((await admin.request('wizard.next', { sessionId, answer: { stepId: model.id, value: 'openai/x' } })).error.message).toBe('wizard not found');
    expect(readFileSync(join(gateway.stateDir, 'gatehouse.json'), 'utf8')).toBe(configText);
  });

  it('a prototype-polluting start is refused and pollutes nothing', async () => {
    const response = await admin.request('wizard.start', JSON.parse('{"__proto__":{"mode":"remote","polluted":true}}'));
    expect(response.error?.code).toBe('INVALID_REQUEST');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
