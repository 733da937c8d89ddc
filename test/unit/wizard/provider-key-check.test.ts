import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProviderKey } from '../../../gateway/features/wizard/provider-key-check.js';
import { ModelProviderServer } from '../../fixtures/model-provider/index.js';

// The onboarding's live key check against a local stand-in speaking each provider's real
// list-models API: one key gets in, any other gets the provider's own 401.

const GOOD_KEY = 'sk-good-key-0123456789';

describe('checkProviderKey', () => {
  let provider: ModelProviderServer;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    provider.setModels(['model-a']);
    provider.acceptOnlyApiKey(GOOD_KEY);
  });
  afterAll(() => provider.close());

  it('accepts a key the provider accepts, asking the way each provider is asked', async () => {
    expect(await checkProviderKey('anthropic', provider.anthropicBaseUrl, GOOD_KEY)).toEqual({ ok: true });
    expect(await checkProviderKey('openai', `${provider.openAiBaseUrl}/`, GOOD_KEY)).toEqual({ ok: true });
    const [anthropic, openai] = provider.requests.slice(-2);
    expect(anthropic).toMatchObject({ provider: 'models', path: '/v1/models', headers: { 'x-api-key': GOOD_KEY, 'anthropic-version': '2023-06-01' } });
    expect(openai).toMatchObject({ provider: 'models', path: '/v1/models', headers: { authorization: `Bearer ${GOOD_KEY}` } });
  });

  it("gives the provider's reason for a refused key", async () => {
    expect(await checkProviderKey('anthropic', provider.anthropicBaseUrl, 'sk-wrong')).toEqual({ ok: false, kind: 'refused', reason: 'HTTP 401: invalid x-api-key' });
    const openai = await checkProviderKey('openai', provider.openAiBaseUrl, 'sk-wrong');
    expect(openai).toMatchObject({ ok: false, kind: 'refused' });
    expect(openai.ok ? '' : openai.reason).toMatch(/^HTTP 401: Incorrect API key provided/);
  });

  it('says it could not reach a provider that is not there, or that does not answer in time', async () => {
    const closed = await ModelProviderServer.start();
    const gone = closed.url;
    await closed.close();
    const unreachable = await checkProviderKey('openai', `${gone}/v1`, GOOD_KEY);
    expect(unreachable).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(unreachable.ok ? '' : unreachable.reason).toContain(`cannot reach ${gone}`);

    // Accepts the connection and never answers.
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      expect(await checkProviderKey('anthropic', url, GOOD_KEY, { timeoutMs: 200 })).toEqual({ ok: false, kind: 'unreachable', reason: `no answer from ${url} within 0.2 s` });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
