import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProviderServer, type ScriptedReply } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';
import { runEnd } from '../helpers/chat-runs.js';

function configFor(provider: ModelProviderServer): string {
  return JSON.stringify({
    models: {
      providers: {
        mock: {
          baseUrl: provider.openAiBaseUrl,
          apiKey: 'test-key',
          api: 'openai-completions',
          models: [
            { id: 'mock-model', name: 'Mock', cost: { input: 1, output: 2 } },
            { id: 'mock-two', name: 'Mock two' },
          ],
        },
      },
    },
    agents: { defaults: { model: 'mock/mock-model' } },
  });
}

/** No provider and no default model: the gateway has nothing to call. */
const NO_MODEL_CONFIG = JSON.stringify({ agents: { defaults: {} } });
const NO_MODEL_ENV = { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', OLLAMA_API_KEY: '' };

let runCounter = 0;

/** Sends one chat message with a scripted reply and waits for the run to finish. */
async function chat(client: RawClient, provider: ModelProviderServer, sessionKey: string, message: string, reply: ScriptedReply): Promise<Frame> {
  provider.enqueue(reply);
  const runId = `sessions-run-${++runCounter}`;
  await client.call('chat.send', { sessionKey, message, idempotencyKey: runId });
  const final = await runEnd(client, runId);
  expect(final.payload.state).toBe('final');
  return final;
}

async function failure(client: RawClient, method: string, params: unknown): Promise<{ code: string; message: string; details?: any }> {
  const frame = await client.request(method, params);
  expect(frame.ok, `${method} should fail`).toBe(false);
  return frame.error;
}

/** Transcript rows as stored, for what the protocol does not show (rows of a session id that was reset away). */
function storedRows(stateDir: string, sessionId: string): number {
  const db = new DatabaseSync(join(stateDir, 'gatehouse.sqlite'), { readOnly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM transcript_messages WHERE session_id = ?').get(sessionId) as { n: number }).n;
  } finally {
    db.close();
  }
}

function lastModelCall(provider: ModelProviderServer): any {
  return [...provider.requests].reverse().find((request) => request.provider !== 'models')!.body;
}

describe('session methods', () => {
  let provider: ModelProviderServer;
  let gateway: GatewayProcess;
  let client: RawClient;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    gateway = await startGateway({ config: configFor(provider) });
    client = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'sessions-test', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    client.close();
    await gateway.stop();
    await provider.close();
    removeStateDir(gateway.stateDir);
  });

  it('lists sessions newest first with their tokens, titles and last messages, and filters them', async () => {
    await chat(client, provider, 'garden', 'Plan the garden layout for spring planting, with raised beds and a small herb corner', {
      text: ['Start with ', 'three raised beds.'],
      usage: { inputTokens: 20, outputTokens: 5 },
    });
    await chat(client, provider, 'agent:main:cake', 'Recipe for a lemon cake?', { text: ['Use lemons.'], usage: { inputTokens: 10, outputTokens: 4 } });

    const list = await client.call('sessions.list', { includeDerivedTitles: true, includeLastMessage: true });
    expect(list).toMatchObject({
      ts: expect.any(Number),
      path: join(gateway.stateDir, 'gatehouse.sqlite'),
      count: 2,
      totalCount: 2,
      hasMore: false,
      defaults: { modelProvider: 'mock', model: 'mock-model', contextTokens: 200_000 },
    });
    expect(list.sessions.map((row: any) => row.key)).toEqual(['agent:main:cake', 'agent:main:garden']);
    const [cake, garden] = list.sessions;
    expect(garden).toMatchObject({
      key: 'agent:main:garden',
      kind: 'direct',
      sessionId: expect.any(String),
      agentId: 'main',
      model: 'mock-model',
      modelProvider: 'mock',
      inputTokens: 20,
      outputTokens: 5,
      totalTokens: 25,
      active: false,
      lastMessage: { role: 'assistant', text: 'Start with three raised beds.', timestamp: expect.any(Number) },
    });
    expect(garden.derivedTitle).toMatch(/^Plan the garden layout for spring planting, with raised.*…$/);
    expect(garden.derivedTitle.length).toBeLessThanOrEqual(60);
    expect(garden.createdAt).toBeLessThanOrEqual(garden.updatedAt);
    expect(cake).toMatchObject({ derivedTitle: 'Recipe for a lemon cake?', inputTokens: 10, outputTokens: 4, totalTokens: 14 });
    expect(cake.updatedAt).toBeGreaterThanOrEqual(garden.updatedAt);

    const plain = await client.call('sessions.list', {});
    expect(plain.sessions[0].derivedTitle).toBeUndefined();
    expect(plain.sessions[0].lastMessage).toBeUndefined();

    const firstPage = await client.call('sessions.list', { limit: 1 });
    expect(firstPage).toMatchObject({ count: 1, totalCount: 2, hasMore: true, nextOffset: 1 });
    expect(firstPage.sessions[0].key).toBe('agent:main:cake');
    const secondPage = await client.call('sessions.list', { limit: 1, offset: firstPage.nextOffset });
    expect(secondPage).toMatchObject({ count: 1, hasMore: false });
    expect(secondPage.sessions[0].key).toBe('agent:main:garden');
    expect(secondPage.nextOffset).toBeUndefined();

    const keys = async (params: Record<string, unknown>) => (await client.call('sessions.list', params)).sessions.map((row: any) => row.key);
    expect(await keys({ search: 'LEMON' })).toEqual(['agent:main:cake']); // derived title
    expect(await keys({ search: 'garden' })).toEqual(['agent:main:garden']); // key
    expect(await keys({ search: 'no such words' })).toEqual([]);
    expect(await keys({ agentId: 'main', activeMinutes: 5 })).toEqual(['agent:main:cake', 'agent:main:garden']);
    expect(await keys({ agentId: 'elsewhere' })).toEqual([]);
    expect(await keys({ activeOnly: true })).toEqual([]);
    expect(await keys({ spawnedBy: 'agent:main:garden' })).toEqual([]);
  });

  it('previews recent messages per key: ok, empty or missing, cut to maxChars', async () => {
    await client.call('sessions.patch', { key: 'blank-slate' });
    const { previews, ts } = await client.call('sessions.preview', { keys: ['garden', 'agent:main:cake', 'blank-slate', 'never-used'], limit: 2, maxChars: 20 });
    expect(ts).toEqual(expect.any(Number));
    expect(previews).toEqual([
      {
        key: 'agent:main:garden',
        status: 'ok',
        items: [
          { role: 'user', text: 'Plan the garden lay…' },
          { role: 'assistant', text: 'Start with three ra…' },
        ],
      },
      { key: 'agent:main:cake', status: 'ok', items: [{ role: 'user', text: 'Recipe for a lemon…' }, { role: 'assistant', text: 'Use lemons.' }] },
      { key: 'agent:main:blank-slate', status: 'empty', items: [] },
      { key: 'agent:main:never-used', status: 'missing', items: [] },
    ]);
    const newest = await client.call('sessions.preview', { keys: ['garden'], limit: 1 });
    expect(newest.previews[0].items).toEqual([{ role: 'assistant', text: 'Start with three raised beds.' }]);
  });

  it('patches label, model and thinking level, clears them with null, and creates the session on first use', async () => {
    const created = await client.call('sessions.patch', { key: 'picnic', label: 'Picnic plans', thinkingLevel: 'low', model: 'mock/mock-two' });
    expect(created).toMatchObject({
      ok: true,
      key: 'agent:main:picnic',
      entry: { key: 'agent:main:picnic', sessionId: expect.any(String), label: 'Picnic plans', thinkingLevel: 'low', model: 'mock-two', modelProvider: 'mock' },
      resolved: { modelProvider: 'mock', model: 'mock-two' },
    });
    expect((await client.call('sessions.list', { label: 'Picnic plans' })).sessions.map((row: any) => row.key)).toEqual(['agent:main:picnic']);
    expect((await client.call('sessions.list', { search: 'picnic PLANS' })).sessions).toHaveLength(1);

    // The model picked before the first message is the one the first run calls.
    await chat(client, provider, 'picnic', 'Sandwich ideas?', { text: ['Cucumber.'] });
    expect(lastModelCall(provider).model).toBe('mock-two');

    const cleared = await client.call('sessions.patch', { key: 'agent:main:picnic', label: null, thinkingLevel: null, model: null, sendPolicy: 'deny' });
    expect(cleared.entry.sessionId).toBe(created.entry.sessionId);
    expect(cleared.entry.label).toBeUndefined();
    expect(cleared.entry.thinkingLevel).toBeUndefined();
    expect(cleared.entry).toMatchObject({ model: 'mock-model', modelProvider: 'mock', sendPolicy: 'deny' });
    expect(cleared.resolved).toEqual({ modelProvider: 'mock', model: 'mock-model' });
    const history = await client.call('chat.history', { sessionKey: 'picnic' });
    expect(history.thinkingLevel).toBeUndefined();

    await client.call('sessions.patch', { key: 'picnic', label: 'Picnic plans' });
    const taken = await failure(client, 'sessions.patch', { key: 'garden', label: 'Picnic plans' });
    expect(taken).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('label already in use') });
  });

  it('rejects an unknown model with the catalog message and bad values by schema', async () => {
    const unlisted = await failure(client, 'sessions.patch', { key: 'garden', model: 'mock/not-a-model' });
    expect(unlisted.code).toBe('INVALID_REQUEST');
    expect(unlisted.message).toContain('"not-a-model" is not listed in models.providers.mock.models');
    const noProvider = await failure(client, 'sessions.patch', { key: 'garden', model: 'nowhere/model' });
    expect(noProvider).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('unknown model provider "nowhere"') });
    const bare = await failure(client, 'sessions.patch', { key: 'garden', model: 'gpt-unknown' });
    expect(bare.message).toContain('unknown model "gpt-unknown"');

    for (const params of [
      { key: 'garden', thinkingLevel: 'extreme' },
      { key: 'garden', responseUsage: 'loud' },
      { key: 'garden', label: '' },
      { key: 'garden', label: 'x'.repeat(513) },
      { key: '' },
    ]) {
      expect((await failure(client, 'sessions.patch', params)).code).toBe('INVALID_REQUEST');
    }
    expect((await failure(client, 'sessions.patch', { key: 'garden', label: '   ' })).message).toContain('blank');
    // The session is unchanged by the failed patches.
    const garden = (await client.call('sessions.list', { search: 'garden' })).sessions[0];
    expect(garden.model).toBe('mock-model');
    expect(garden.label).toBeUndefined();
  });

  it('reset starts a new session id with an empty history; the old rows stay in the store', async () => {
    await chat(client, provider, 'diary', 'Today I planted tomatoes', { text: ['Noted.'], usage: { inputTokens: 8, outputTokens: 2 } });
    await client.call('sessions.patch', { key: 'diary', label: 'Diary', thinkingLevel: 'medium' });
    const before = await client.call('chat.history', { sessionKey: 'diary' });
    expect(before.messages).toHaveLength(2);

    const stale = await failure(client, 'sessions.reset', { key: 'diary', expectedSessionId: 'not-the-current-one' });
    expect(stale).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'SESSION_CHANGED', sessionId: before.sessionId } });

    const reset = await client.call('sessions.reset', { key: 'diary', reason: 'new', expectedSessionId: before.sessionId });
    expect(reset).toMatchObject({ ok: true, key: 'agent:main:diary', entry: { label: 'Diary', thinkingLevel: 'medium', inputTokens: 0, outputTokens: 0, totalTokens: 0 } });
    expect(reset.entry.sessionId).not.toBe(before.sessionId);

    const after = await client.call('chat.history', { sessionKey: 'diary' });
    expect(after.sessionId).toBe(reset.entry.sessionId);
    expect(after.messages).toEqual([]);
    expect(storedRows(gateway.stateDir, before.sessionId)).toBe(2);
    expect((await client.call('sessions.preview', { keys: ['diary'] })).previews[0].status).toBe('empty');

    // The next turn starts from nothing.
    await chat(client, provider, 'diary', 'What did I plant?', { text: ['I do not know yet.'] });
    expect(JSON.stringify(lastModelCall(provider).messages)).not.toContain('tomatoes');

    const unknown = await failure(client, 'sessions.reset', { key: 'never-was' });
    expect(unknown).toMatchObject({ code: 'INVALID_REQUEST', message: 'unknown session: agent:main:never-was' });
  });

  it('delete removes the session, and its transcript only when asked', async () => {
    await chat(client, provider, 'keep-rows', 'First note', { text: ['ok'] });
    await chat(client, provider, 'drop-rows', 'Second note', { text: ['ok'] });
    const keepId = (await client.call('chat.history', { sessionKey: 'keep-rows' })).sessionId;
    const dropId = (await client.call('chat.history', { sessionKey: 'drop-rows' })).sessionId;

    expect(await client.call('sessions.delete', { key: 'keep-rows' })).toEqual({ ok: true, key: 'agent:main:keep-rows', deleted: true, archived: [] });
    expect(await client.call('sessions.delete', { key: 'agent:main:drop-rows', deleteTranscript: true })).toEqual({
      ok: true,
      key: 'agent:main:drop-rows',
      deleted: true,
      archived: [],
    });
    const remaining = (await client.call('sessions.list', {})).sessions.map((row: any) => row.key);
    expect(remaining).not.toContain('agent:main:keep-rows');
    expect(remaining).not.toContain('agent:main:drop-rows');
    expect(storedRows(gateway.stateDir, keepId)).toBe(2);
    expect(storedRows(gateway.stateDir, dropId)).toBe(0);
    expect((await client.call('sessions.preview', { keys: ['keep-rows'] })).previews[0].status).toBe('missing');
    expect((await client.call('chat.history', { sessionKey: 'keep-rows' })).messages).toEqual([]);

    expect(await client.call('sessions.delete', { key: 'keep-rows' })).toMatchObject({ deleted: false });
  });

  it('refuses reset, delete and compact while a run is in progress, and allows them after an abort', async () => {
    provider.enqueue({ text: ['one ', 'two ', 'three ', 'four ', 'five'], chunkDelayMs: 400 });
    await client.call('chat.send', { sessionKey: 'busy', message: 'Count slowly', idempotencyKey: 'busy-run' });
    await client.next((frame) => frame.event === 'chat' && frame.payload?.runId === 'busy-run' && frame.payload.state === 'delta', 10_000);

    const active = await client.call('sessions.list', { activeOnly: true });
    expect(active.sessions).toEqual([expect.objectContaining({ key: 'agent:main:busy', active: true })]);
    for (const method of ['sessions.reset', 'sessions.delete', 'sessions.compact']) {
      const refused = await failure(client, method, { key: 'busy' });
      expect(refused.code).toBe('INVALID_REQUEST');
      expect(refused.message).toContain('abort the run first');
      expect(refused.details).toMatchObject({ code: 'SESSION_BUSY', runIds: ['busy-run'] });
    }

    await client.call('chat.abort', { sessionKey: 'busy' });
    await client.next((frame) => frame.event === 'chat' && frame.payload?.runId === 'busy-run' && frame.payload.state === 'aborted', 10_000);
    await expect(client.call('sessions.reset', { key: 'busy' })).resolves.toMatchObject({ ok: true, entry: { active: false } });
    await expect(client.call('sessions.delete', { key: 'busy' })).resolves.toMatchObject({ deleted: true });
  });

  it('compact summarises the older messages with the model and later turns carry the summary', async () => {
    await chat(client, provider, 'tea', 'I only drink green tea, never coffee.', { text: ['Got it: green tea.'] });
    await chat(client, provider, 'tea', 'My cat is called Miso.', { text: ['Hello Miso!'] });
    await chat(client, provider, 'tea', 'What should I buy today?', { text: ['Green tea and cat food.'] });

    provider.enqueue({ text: ['The user drinks only green tea and has a cat named Miso.'], usage: { inputTokens: 60, outputTokens: 12 } });
    const requestsBefore = provider.requests.length;
    const result = await client.call('sessions.compact', { key: 'tea', maxLines: 2 });
    expect(result).toEqual({ ok: true, key: 'agent:main:tea', compacted: true, kept: 2, removed: 4, summarized: true });

    // The provider got one non-streaming summarisation request carrying the compacted part only.
    const summaryRequest = provider.requests.slice(requestsBefore).filter((request) => request.provider === 'openai-chat');
    expect(summaryRequest).toHaveLength(1);
    const body = summaryRequest[0]!.body as any;
    expect(body.stream).not.toBe(true);
    expect(body.model).toBe('mock-model');
    expect(JSON.stringify(body.messages)).toContain('never coffee');
    expect(JSON.stringify(body.messages)).toContain('summary');
    expect(JSON.stringify(body.messages)).not.toContain('What should I buy today?');

    const history = await client.call('chat.history', { sessionKey: 'tea' });
    expect(history.messages.map((message: any) => message.content[0].text)).toEqual(['What should I buy today?', 'Green tea and cat food.']);
    // The summariser's tokens count for the session.
    const row = (await client.call('sessions.list', { search: 'agent:main:tea' })).sessions[0];
    expect(row).toMatchObject({ inputTokens: 60, outputTokens: 12 });

    await chat(client, provider, 'tea', 'Remind me what I drink?', { text: ['Green tea.'] });
    const next = lastModelCall(provider);
    const system = next.messages.find((message: any) => message.role === 'system');
    expect(system.content).toContain('Summary of the earlier conversation');
    expect(system.content).toContain('The user drinks only green tea and has a cat named Miso.');
    expect(JSON.stringify(next.messages)).not.toContain('never coffee');
    expect(JSON.stringify(next.messages)).toContain('What should I buy today?');

    expect(await client.call('sessions.compact', { key: 'tea', maxLines: 40 })).toEqual({
      ok: true,
      key: 'agent:main:tea',
      compacted: false,
      kept: 4,
      removed: 0,
      summarized: false,
    });
  });

  it('a failed summary compacts nothing', async () => {
    await chat(client, provider, 'fragile', 'one', { text: ['1'] });
    await chat(client, provider, 'fragile', 'two', { text: ['2'] });
    provider.enqueue({ errorStatus: 500, errorMessage: 'summariser exploded' });
    const failed = await failure(client, 'sessions.compact', { key: 'fragile', maxLines: 1 });
    expect(failed.code).toBe('UNAVAILABLE');
    expect(failed.message).toContain('nothing was compacted');
    expect((await client.call('chat.history', { sessionKey: 'fragile' })).messages).toHaveLength(4);
  });

  it('answers unknown sessions and malformed input with INVALID_REQUEST', async () => {
    expect(await failure(client, 'sessions.compact', { key: 'ghost' })).toMatchObject({ code: 'INVALID_REQUEST', message: 'unknown session: agent:main:ghost' });
    expect((await failure(client, 'sessions.reset', { key: 'agent::broken' })).message).toContain('invalid session key');
    expect((await failure(client, 'sessions.patch', { key: 'agent:nobody:main', label: 'x' })).message).toContain('unknown agent: nobody');
    for (const [method, params] of [
      ['sessions.preview', { keys: [] }],
      ['sessions.preview', { keys: Array.from({ length: 51 }, (_, index) => `k${index}`) }],
      ['sessions.preview', { keys: ['garden'], maxChars: 19 }],
      ['sessions.preview', { keys: ['garden'], limit: 101 }],
      ['sessions.list', { limit: 0 }],
      ['sessions.list', { offset: -1 }],
      ['sessions.list', { activeMinutes: 'recent' }],
      ['sessions.compact', { key: 'garden', maxLines: 0 }],
      ['sessions.reset', { key: 'garden', reason: 'because' }],
      ['sessions.delete', { key: 'garden', deleteTranscript: 'yes' }],
    ] as const) {
      const error = await failure(client, method, params);
      expect(error.code, `${method} ${JSON.stringify(params)}`).toBe('INVALID_REQUEST');
      expect(error.message).toContain(`invalid ${method} params`);
    }
  });

  it('lets read-scoped clients list and preview but not change sessions', async () => {
    const reader = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'] })).client;
    try {
      expect((await reader.call('sessions.list', {})).count).toBeGreaterThan(0);
      expect((await reader.call('sessions.preview', { keys: ['garden'] })).previews[0].status).toBe('ok');
      const denied = await failure(reader, 'sessions.patch', { key: 'garden', label: 'mine' });
      expect(denied.message).toBe('missing scope: operator.admin');
    } finally {
      reader.close();
    }
  });
});

describe('sessions.compact without a model', () => {
  let provider: ModelProviderServer;
  let gateway: GatewayProcess | undefined;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
  });
  afterAll(async () => {
    await gateway?.stop();
    await provider.close();
    if (gateway) removeStateDir(gateway.stateDir);
  });

  it('compacts without a summary and says so', async () => {
    gateway = await startGateway({ config: configFor(provider), env: NO_MODEL_ENV });
    let client = (await connectClient(gateway.url, { token: gateway.token })).client;
    for (const word of ['alpha', 'beta', 'gamma']) await chat(client, provider, 'notes', `Remember ${word}`, { text: [`Remembered ${word}.`] });
    client.close();
    await gateway.stop();

    // The same state, but the config no longer names any model.
    gateway = await startGateway({ stateDir: gateway.stateDir, config: NO_MODEL_CONFIG, env: NO_MODEL_ENV });
    client = (await connectClient(gateway.url, { token: gateway.token })).client;
    const requestsBefore = provider.requests.length;
    const result = await client.call('sessions.compact', { key: 'notes', maxLines: 3 });
    expect(result).toMatchObject({ ok: true, key: 'agent:main:notes', compacted: true, kept: 3, removed: 3, summarized: false, reason: expect.stringContaining('no model is configured') });
    expect(provider.requests.length).toBe(requestsBefore);
    const history = await client.call('chat.history', { sessionKey: 'notes' });
    expect(history.messages.map((message: any) => message.content[0].text)).toEqual(['Remembered beta.', 'Remember gamma', 'Remembered gamma.']);
    const list = await client.call('sessions.list', {});
    expect(list.defaults).toEqual({});
    expect(list.sessions[0].model).toBeUndefined();
    client.close();
  });
});
