import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProviderServer, type ScriptedReply } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';
import { runEnd } from '../helpers/chat-runs.js';
import { referenceErrors } from '../helpers/reference-schemas.js';

/** A port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server that accepts requests and never answers them. */
async function silentServer(): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer(() => {
    hits += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, hits: () => hits };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('models, agents and usage', () => {
  let provider: ModelProviderServer;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let gateway: GatewayProcess;
  let client: RawClient;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    provider.setModels(['mock-model', 'discovered-a', 'discovered-b']);
    silent = await silentServer();
    const config = {
      models: {
        providers: {
          mock: {
            baseUrl: provider.openAiBaseUrl,
            apiKey: 'test-key',
            api: 'openai-completions',
            models: [
              { id: 'mock-model', name: 'Mock', cost: { input: 1, output: 2 } },
              { id: 'mock-free', name: 'Mock without a price' },
            ],
          },
          refused: { baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, apiKey: 'k', api: 'openai-completions', models: [{ id: 'refused-model', name: 'Refused' }] },
          silent: { baseUrl: silent.url, api: 'openai-completions', models: [{ id: 'silent-model', name: 'Silent' }] },
          claude: {
            baseUrl: provider.anthropicBaseUrl,
            apiKey: 'sk-ant-test',
            api: 'anthropic-messages',
            models: [{ id: 'claude-test', name: 'Claude test', reasoning: true, input: ['text', 'image'], contextWindow: 100_000 }],
          },
        },
      },
      agents: {
        defaults: { model: 'mock/mock-model' },
        entries: {
          main: { default: true, name: 'Main', identity: { name: 'Gate', emoji: '🦀', theme: 'calm and brief' } },
          helper: { name: 'Helper', model: 'mock/mock-free' },
        },
      },
    };
    gateway = await startGateway({ config: JSON.stringify(config), env: { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', OLLAMA_API_KEY: '' } });
    client = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'models-usage-test', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    client.close();
    await gateway.stop();
    await provider.close();
    silent.server.closeAllConnections();
    await new Promise<void>((resolve) => silent.server.close(() => resolve()));
    removeStateDir(gateway.stateDir);
  });

  async function chat(sessionKey: string, message: string, reply: ScriptedReply, runId: string): Promise<void> {
    provider.enqueue(reply);
    await client.call('chat.send', { sessionKey, message, idempotencyKey: runId });
    const end = await runEnd(client, runId);
    expect(end.payload.state).toBe('final');
  }

  it('models.list shows configured models and what discovery endpoints report; a dead endpoint only costs its timeout', async () => {
    const started = Date.now();
    const { models, providerOutcomes } = await client.call('models.list', {});
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(4_000);

    const byRef = new Map(models.map((model: any) => [`${model.provider}/${model.id}`, model]));
    expect([...byRef.keys()]).toEqual([
      'mock/mock-model',
      'mock/mock-free',
      'refused/refused-model',
      'silent/silent-model',
      'claude/claude-test',
      'mock/discovered-a',
      'mock/discovered-b',
    ]);
    expect(byRef.get('mock/mock-model')).toEqual({
      id: 'mock-model',
      name: 'Mock',
      provider: 'mock',
      contextWindow: 200_000,
      reasoning: false,
      input: ['text'],
      cost: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 },
    });
    expect(byRef.get('mock/mock-free')).not.toHaveProperty('cost');
    expect(byRef.get('claude/claude-test')).toMatchObject({ reasoning: true, input: ['text', 'image'], contextWindow: 100_000 });
    expect(byRef.get('mock/discovered-a')).toEqual({ id: 'discovered-a', name: 'discovered-a', provider: 'mock' });
    expect(providerOutcomes).toEqual([
      { provider: 'mock', status: 'ready' },
      { provider: 'refused', status: 'unavailable' },
      { provider: 'silent', status: 'unavailable' },
    ]);
    // Apart from the price we add, the answer is what OpenClaw clients parse.
    const withoutCost = { models: models.map(({ cost: _cost, ...model }: any) => model), providerOutcomes };
    expect(referenceErrors('ModelsListResult', withoutCost)).toEqual([]);

    const listing = provider.requests.filter((request) => request.provider === 'models');
    expect(listing).toHaveLength(1);
    expect(listing[0]!.headers.authorization).toBe('Bearer test-key');
    expect(silent.hits()).toBe(1);

    // Answers are cached: a second call asks nobody and returns at once.
    const again = Date.now();
    const cached = await client.call('models.list', {});
    expect(Date.now() - again).toBeLessThan(1_500);
    expect(cached.models).toHaveLength(7);
    expect(provider.requests.filter((request) => request.provider === 'models')).toHaveLength(1);
    expect(silent.hits()).toBe(1);
  });

  it('models.list narrows by provider and view, and names unknown agents', async () => {
    const claude = await client.call('models.list', { provider: 'claude' });
    expect(claude.models.map((model: any) => model.id)).toEqual(['claude-test']);
    expect(claude.providerOutcomes).toBeUndefined();
    const configured = await client.call('models.list', { view: 'configured' });
    expect(configured.models.map((model: any) => model.id)).not.toContain('discovered-a');
    const helper = await client.call('models.list', { agentId: 'helper', view: 'configured' });
    expect(helper.models.map((model: any) => model.id)).toContain('mock-free');
    const unknown = await client.request('models.list', { agentId: 'ghost' });
    expect(unknown.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'unknown agent: ghost' });
    expect((await client.request('models.list', { view: 'everything' })).error.code).toBe('INVALID_REQUEST');
  });

  it('agents.list describes the roster', async () => {
    const agents = await client.call('agents.list', {});
    expect(agents).toEqual({
      defaultId: 'main',
      mainKey: 'main',
      scope: 'per-sender',
      agents: [
        { id: 'main', name: 'Main', identity: { name: 'Gate', emoji: '🦀', theme: 'calm and brief' }, model: { primary: 'mock/mock-model' } },
        { id: 'helper', name: 'Helper', model: { primary: 'mock/mock-free' } },
      ],
    });
    expect(referenceErrors('AgentsListResult', agents)).toEqual([]);
  });

  it('usage.status totals the tokens providers reported, today and overall', async () => {
    await chat('budget', 'How much did lunch cost?', { text: ['Twelve euros.'], usage: { inputTokens: 100, outputTokens: 50 } }, 'usage-run-1');
    await chat('agent:helper:main', 'Say hi', { text: ['Hi.'], usage: { inputTokens: 40, outputTokens: 10 } }, 'usage-run-2');
    await chat('budget', 'And dinner?', { text: ['Twenty.'], usage: { inputTokens: 150, outputTokens: 30, cacheReadTokens: 100 } }, 'usage-run-3');

    const status = await client.call('usage.status', {});
    expect(status.ts).toEqual(expect.any(Number));
    const expected = { inputTokens: 290, outputTokens: 90, cacheReadTokens: 100, cacheWriteTokens: 0, totalTokens: 380 };
    expect(status.totals).toEqual(expected);
    expect(status.today).toEqual({ date: today(), ...expected });
    const mock = status.providers.find((entry: any) => entry.provider === 'mock');
    expect(mock).toEqual({
      provider: 'mock',
      configured: true,
      models: [
        { model: 'mock-model', configured: true, inputTokens: 250, outputTokens: 80, cacheReadTokens: 100, cacheWriteTokens: 0, totalTokens: 330 },
        { model: 'mock-free', configured: true, inputTokens: 40, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 50 },
      ],
    });
    expect(status.providers.find((entry: any) => entry.provider === 'anthropic')).toMatchObject({ configured: false, models: [] });
    expect(status.providers.find((entry: any) => entry.provider === 'claude')).toMatchObject({ configured: true });
  });

  it('usage.cost prices configured models and reports unpriced ones as unknown', async () => {
    const report = await client.call('usage.cost', {});
    expect(report).toMatchObject({ startDate: shiftDay(today(), -29), endDate: today(), currency: 'USD' });
    // mock-model: 100 in + 50 out, then 150 in (100 of them cache reads at price 0) + 30 out, at $1 / $2 per 1M.
    const pricedCost = (100 * 1 + 50 * 2 + 50 * 1 + 100 * 0 + 30 * 2) / 1_000_000;
    expect(report.byModel).toEqual([
      { provider: 'mock', model: 'mock-model', inputTokens: 250, outputTokens: 80, cacheReadTokens: 100, cacheWriteTokens: 0, totalTokens: 330, costUsd: pricedCost, priced: true },
      { provider: 'mock', model: 'mock-free', inputTokens: 40, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 50, costUsd: null, priced: false },
    ]);
    expect(report.totals).toEqual({ inputTokens: 290, outputTokens: 90, cacheReadTokens: 100, cacheWriteTokens: 0, totalTokens: 380, costUsd: null });
    expect(report.unpricedModels).toEqual(['mock/mock-free']);
    expect(report.days).toHaveLength(30);
    expect(report.days.at(-1)).toMatchObject({ date: today(), totalTokens: 380, costUsd: null });
    expect(report.days[0]).toEqual({ date: shiftDay(today(), -29), inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 0, costUsd: 0 });
    expect(report.bySession).toEqual([
      expect.objectContaining({ sessionKey: 'agent:main:budget', totalTokens: 330, costUsd: pricedCost }),
      expect.objectContaining({ sessionKey: 'agent:helper:main', totalTokens: 50, costUsd: null }),
    ]);

    const mainOnly = await client.call('usage.cost', { agentId: 'main', startDate: today(), endDate: today() });
    expect(mainOnly).toMatchObject({ startDate: today(), endDate: today(), unpricedModels: [], totals: { totalTokens: 330, costUsd: pricedCost } });
    expect(mainOnly.days).toHaveLength(1);

    const lastWeek = await client.call('usage.cost', { endDate: shiftDay(today(), -1), days: 7 });
    expect(lastWeek).toMatchObject({ startDate: shiftDay(today(), -7), endDate: shiftDay(today(), -1), totals: { totalTokens: 0, costUsd: 0 }, byModel: [], unpricedModels: [] });
    const fromStart = await client.call('usage.cost', { startDate: shiftDay(today(), -2), days: 2 });
    expect(fromStart).toMatchObject({ startDate: shiftDay(today(), -2), endDate: shiftDay(today(), -1) });
  });

  it('usage.cost rejects impossible and oversized date ranges', async () => {
    const error = async (params: Record<string, unknown>) => (await client.request('usage.cost', params)).error;
    expect(await error({ startDate: '2026-03-10', endDate: '2026-03-01' })).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'endDate 2026-03-01 is before startDate 2026-03-10',
    });
    expect(await error({ startDate: '2025-02-30', endDate: '2025-03-02' })).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('not a calendar day') });
    expect(await error({ startDate: '2020-01-01', endDate: '2025-01-01' })).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('at most 366') });
    for (const params of [{ days: 0 }, { days: 367 }, { startDate: '2026/03/01' }, { endDate: '26-03-01' }, { days: 1.5 }]) {
      expect((await error(params)).message, JSON.stringify(params)).toContain('invalid usage.cost params');
    }
  });

  it('read-scoped clients may read models, agents and usage', async () => {
    const reader = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'] })).client;
    try {
      for (const method of ['models.list', 'agents.list', 'usage.status', 'usage.cost']) {
        expect((await reader.request(method, {})).ok, method).toBe(true);
      }
    } finally {
      reader.close();
    }
  });
});
