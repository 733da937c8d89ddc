import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi, freeLoopbackPort, type RecordedCall } from '../fixtures/telegram-bot-api/index.js';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

const ALICE = { id: 5151, first_name: 'Alice', username: 'alice' };
const SECRET = 'webhook-secret_path-test-42';
const PUBLIC_PATH = '/public/telegram/updates';
const GATEWAY_PATH = '/hooks/telegram-bot';

/**
 * What a reverse proxy in front of the gateway does: Telegram posts to the public URL, the proxy
 * forwards the request (headers and body) to another path on the gateway's port.
 */
async function startPathMappingProxy(target: () => string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if ((request.url ?? '').split('?')[0] !== PUBLIC_PATH) {
        response.writeHead(404).end();
        return;
      }
      const headers: Record<string, string> = { 'content-type': String(request.headers['content-type'] ?? 'application/json') };
      const secret = request.headers['x-telegram-bot-api-secret-token'];
      if (typeof secret === 'string') headers['x-telegram-bot-api-secret-token'] = secret;
      fetch(target(), { method: 'POST', headers, body: Buffer.concat(chunks) })
        .then(async (answer) => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(Buffer.from(await answer.arrayBuffer())))
        .catch(() => response.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${PUBLIC_PATH}` };
}

const toAlice = (contains: string) => (call: RecordedCall) => call.method === 'sendMessage' && String(call.payload.chat_id) === String(ALICE.id) && String(call.payload.text).includes(contains);

describe('Telegram webhook mode with channels.telegram.webhookPath', () => {
  let provider: ModelProviderServer;
  let telegram: FakeTelegramBotApi;
  let proxy: { server: Server; url: string };
  let gateway: GatewayProcess;
  let client: RawClient;
  let port: number;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    telegram = await FakeTelegramBotApi.start();
    port = await freeLoopbackPort();
    proxy = await startPathMappingProxy(() => `http://127.0.0.1:${port}${GATEWAY_PATH}`);
    gateway = await startGateway({
      port,
      config: JSON.stringify({
        models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock' }] } } },
        agents: { defaults: { model: 'mock/mock-model' } },
        channels: { telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot, webhookUrl: proxy.url, webhookSecret: SECRET, webhookPath: GATEWAY_PATH, dmPolicy: 'allowlist', allowFrom: [String(ALICE.id)] } },
      }),
    });
    client = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'webhook-path-test', mode: 'ui' } })).client;
    for (let waited = 0; ; waited += 100) {
      const account = (await client.call('channels.status', {})).channelAccounts.telegram[0];
      if (account.connected === true) break;
      if (waited > 10_000) throw new Error(`never connected: ${JSON.stringify(account)}`);
      await sleep(100);
    }
  });
  afterAll(async () => {
    client?.close();
    await gateway?.stop();
    await new Promise<void>((resolve) => (proxy ? proxy.server.close(() => resolve()) : resolve()));
    await telegram.close();
    await provider.close();
    if (gateway) removeStateDir(gateway.stateDir);
  });

  it('tells Telegram the public URL and receives on the configured path behind the proxy', async () => {
    expect(telegram.webhookInfo()).toEqual({ url: proxy.url, secret: SECRET });
    provider.setDefault({ text: ['heard you through the proxy'] });
    telegram.inject({ chat: { id: ALICE.id, type: 'private' }, from: ALICE, text: 'hello via the proxy' });
    await telegram.waitForCall(toAlice('heard you through the proxy'));
    expect(telegram.webhookDeliveries.every((delivery) => delivery.status === 200)).toBe(true);
  });

  it('does not receive on the public path itself, nor on the default one', async () => {
    const update = { update_id: telegram.takeUpdateId(), message: { message_id: 7, date: 0, chat: { id: ALICE.id, type: 'private' }, from: { ...ALICE, is_bot: false }, text: 'wrong door' } };
    for (const path of [PUBLIC_PATH, '/telegram-webhook']) {
      const answer = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
      await answer.arrayBuffer();
      expect(answer.status, path).not.toBe(200);
    }
  });
});
