import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';

// An acknowledged message is never lost: chat.send's "started" and agent's "accepted" mean the
// request is in SQLite, and a crash only delays it.

function configFor(provider: ModelProviderServer): string {
  return JSON.stringify({
    models: {
      providers: {
        mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock' }] },
      },
    },
    agents: { defaults: { model: 'mock/mock-model' } },
  });
}

const SLOW_REPLY = { text: Array.from({ length: 40 }, (_, index) => `slow ${index} `), chunkDelayMs: 100 };
const FAST_REPLY = { text: ['done'] };

function userTexts(history: Frame): string[] {
  return (history.messages as Frame[]).filter((message) => message.role === 'user').map((message) => message.content[0].text as string);
}

describe('acknowledged runs survive a SIGKILL', () => {
  let provider: ModelProviderServer;
  let gateway: GatewayProcess;
  let restarted: GatewayProcess | undefined;
  const clients: RawClient[] = [];

  beforeEach(async () => {
    provider = await ModelProviderServer.start();
    provider.setDefault(SLOW_REPLY);
    gateway = await startGateway({ config: configFor(provider) });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await restarted?.stop();
    restarted = undefined;
    await provider.close();
    removeStateDir(gateway.stateDir);
  });

  async function connect(target: GatewayProcess): Promise<RawClient> {
    const { client } = await connectClient(target.url, { token: target.token, scopes: ['operator.admin'] });
    clients.push(client);
    return client;
  }

  it('chat.send: every started message runs exactly once after the restart, and retries report the real state', async () => {
    const client = await connect(gateway);
    const keys = Array.from({ length: 20 }, (_, index) => `chat-key-${index}`);
    for (const [index, key] of keys.entries()) {
      const payload = await client.call('chat.send', { sessionKey: 'main', message: `message ${index}`, idempotencyKey: key });
      expect(payload).toEqual({ runId: key, status: 'started' });
    }
    await provider.waitForRequests(1);
    await gateway.kill9();

    provider.setDefault(FAST_REPLY);
    const before = provider.requests.length;
    restarted = await startGateway({ stateDir: gateway.stateDir });
    const again = await connect(restarted);
    for (const key of keys) {
      const retry = await again.call('chat.send', { sessionKey: 'main', message: 'retried', idempotencyKey: key });
      expect(['in_flight', 'ok']).toContain(retry.status);
    }
    for (const key of keys) {
      expect(await again.call('agent.wait', { runId: key, timeoutMs: 20_000 })).toMatchObject({ runId: key, status: 'ok' });
    }
    for (const key of keys) {
      expect(await again.call('chat.send', { sessionKey: 'main', message: 'retried', idempotencyKey: key })).toEqual({ runId: key, status: 'ok' });
    }
    expect(provider.requests.length - before).toBe(keys.length);

    const history = await again.call('chat.history', { sessionKey: 'main', limit: 1000 });
    expect(userTexts(history)).toEqual(keys.map((_, index) => `message ${index}`));
    const cutOff = (history.messages as Frame[]).filter((message) => message.interrupted === true);
    expect(cutOff).toHaveLength(1);
    expect(cutOff[0]).toMatchObject({ runId: keys[0], stopReason: 'interrupted' });
  }, 90_000);

  it('agent: a queued and a running run finish after the restart; a retry gets in_flight or the real final payload', async () => {
    const client = await connect(gateway);
    const keys = ['agent-key-0', 'agent-key-1', 'agent-key-2'];
    for (const [index, key] of keys.entries()) {
      client.send({ type: 'req', id: key, method: 'agent', params: { message: `task ${index}`, idempotencyKey: key, sessionKey: 'work' } });
      expect((await client.response(key)).payload).toMatchObject({ runId: key, status: 'accepted' });
    }
    await provider.waitForRequests(1);
    await gateway.kill9();

    provider.setDefault(FAST_REPLY);
    restarted = await startGateway({ stateDir: gateway.stateDir });
    const again = await connect(restarted);
    for (const key of keys) {
      const retry = await again.request('agent', { message: 'retried', idempotencyKey: key, sessionKey: 'work' }, 20_000);
      expect(retry.ok).toBe(true);
      expect(['in_flight', 'ok']).toContain(retry.payload.status);
    }
    for (const key of keys) {
      expect(await again.call('agent.wait', { runId: key, timeoutMs: 20_000 })).toMatchObject({ status: 'ok' });
      const replay = await again.request('agent', { message: 'retried', idempotencyKey: key, sessionKey: 'work' });
      expect(replay.payload).toMatchObject({ runId: key, status: 'ok', result: { payloads: [{ text: 'done' }] } });
    }
    const history = await again.call('chat.history', { sessionKey: 'work' });
    expect(userTexts(history)).toEqual(['task 0', 'task 1', 'task 2']);
  }, 90_000);

  it('a graceful stop keeps the queued and the streaming runs for the next start', async () => {
    const client = await connect(gateway);
    for (const index of [0, 1, 2]) await client.call('chat.send', { sessionKey: 'main', message: `message ${index}`, idempotencyKey: `stop-${index}` });
    await provider.waitForRequests(1);
    expect(await gateway.stop()).toBe(0);

    provider.setDefault(FAST_REPLY);
    restarted = await startGateway({ stateDir: gateway.stateDir });
    const again = await connect(restarted);
    for (const index of [0, 1, 2]) {
      expect(await again.call('agent.wait', { runId: `stop-${index}`, timeoutMs: 20_000 })).toMatchObject({ status: 'ok' });
    }
    const history = await again.call('chat.history', { sessionKey: 'main' });
    expect(userTexts(history)).toEqual(['message 0', 'message 1', 'message 2']);
  }, 60_000);

  it('a retry of a failed run says it failed, never "ok", before and after a restart', async () => {
    provider.setDefault({ errorStatus: 401, errorMessage: 'invalid api key' });
    const client = await connect(gateway);
    await client.call('chat.send', { sessionKey: 'main', message: 'hello', idempotencyKey: 'fails' });
    expect(await client.call('agent.wait', { runId: 'fails', timeoutMs: 10_000 })).toMatchObject({ status: 'error' });
    const retry = await client.call('chat.send', { sessionKey: 'main', message: 'hello', idempotencyKey: 'fails' });
    expect(retry).toMatchObject({ runId: 'fails', status: 'error' });
    expect(retry.error).toContain('invalid api key');

    await gateway.kill9();
    restarted = await startGateway({ stateDir: gateway.stateDir });
    const again = await connect(restarted);
    expect(await again.call('chat.send', { sessionKey: 'main', message: 'hello', idempotencyKey: 'fails' })).toMatchObject({ status: 'error' });
  }, 60_000);
});
