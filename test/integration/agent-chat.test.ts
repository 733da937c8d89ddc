import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';
import { referenceFrameErrors } from '../helpers/reference-schemas.js';
import { runEnd } from '../helpers/chat-runs.js';

function configFor(provider: ModelProviderServer): string {
  return JSON.stringify({
    models: {
      providers: {
        mock: {
          baseUrl: provider.openAiBaseUrl,
          apiKey: 'sk-test-provider-key-123456',
          api: 'openai-completions',
          models: [{ id: 'mock-model', name: 'Mock', input: ['text', 'image'], cost: { input: 1, output: 2 } }],
        },
        claude: {
          baseUrl: provider.anthropicBaseUrl,
          apiKey: 'sk-ant-test-key-123456',
          api: 'anthropic-messages',
          models: [{ id: 'claude-test', name: 'Claude test', reasoning: true }],
        },
        oai: {
          baseUrl: provider.openAiBaseUrl,
          apiKey: 'sk-test-openai-key-123456',
          api: 'openai-responses',
          models: [{ id: 'gpt-test', name: 'GPT test' }],
        },
      },
    },
    agents: { defaults: { model: 'mock/mock-model' } },
  });
}

function runFrames(client: RawClient, runId: string, event: string): Frame[] {
  return client.frames.filter((frame) => frame.type === 'event' && frame.event === event && frame.payload?.runId === runId);
}


describe('agent runs and chat', () => {
  let provider: ModelProviderServer;
  let gateway: GatewayProcess;
  let client: RawClient;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    gateway = await startGateway({ config: configFor(provider) });
    client = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'chat-test', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    client.close();
    await gateway.stop();
    await provider.close();
    removeStateDir(gateway.stateDir);
  });

  it('answers agent twice on one id and streams ordered agent and chat events', async () => {
    provider.enqueue({ text: ['Hello', ', ', 'world'], usage: { inputTokens: 12, outputTokens: 3 } });
    client.send({ type: 'req', id: 'a1', method: 'agent', params: { message: 'Say hello', idempotencyKey: 'run-1', sessionKey: 'main' } });
    const ack = await client.response('a1');
    expect(ack).toMatchObject({ ok: true, payload: { runId: 'run-1', status: 'accepted', sessionKey: 'agent:main:main', agentId: 'main' } });
    const final = await client.next((frame) => frame.type === 'res' && frame.id === 'a1' && frame !== ack, 10_000);
    expect(final.payload).toMatchObject({
      runId: 'run-1',
      status: 'ok',
      summary: 'completed',
      result: { payloads: [{ text: 'Hello, world', mediaUrl: null }], meta: { model: 'mock/mock-model', usage: { inputTokens: 12, outputTokens: 3 } } },
    });

    const agentEvents = runFrames(client, 'run-1', 'agent');
    expect(agentEvents.map((frame) => frame.payload.seq)).toEqual(agentEvents.map((_, index) => index + 1));
    expect(agentEvents[0]!.payload).toMatchObject({ stream: 'lifecycle', data: { phase: 'start', sessionKey: 'agent:main:main' } });
    expect(agentEvents.filter((f) => f.payload.stream === 'assistant').map((f) => f.payload.data)).toEqual([
      { text: 'Hello', delta: 'Hello' },
      { text: 'Hello, ', delta: ', ' },
      { text: 'Hello, world', delta: 'world' },
    ]);
    expect(agentEvents.some((f) => f.payload.stream === 'lifecycle' && f.payload.data.phase === 'end' && f.payload.data.aborted === false)).toBe(true);

    const chatEvents = runFrames(client, 'run-1', 'chat');
    expect(chatEvents.map((f) => f.payload.state)).toEqual(['delta', 'delta', 'delta', 'final']);
    expect(chatEvents[1]!.payload).toMatchObject({ deltaText: ', ', message: { role: 'assistant', content: [{ type: 'text', text: 'Hello, ' }] } });
    expect(chatEvents.at(-1)!.payload).toMatchObject({ message: { content: [{ text: 'Hello, world' }] }, usage: { inputTokens: 12, outputTokens: 3 } });
    for (const frame of [...agentEvents, ...chatEvents, ack, final]) expect(referenceFrameErrors(frame)).toEqual([]);

    // The provider saw the real request with our key.
    const request = provider.requests.at(-1)!;
    expect(request.headers.authorization).toBe('Bearer sk-test-provider-key-123456');
    expect(JSON.stringify(request.body)).toContain('Say hello');
  });

  it('answers a duplicate agent call in flight with in_flight, and replays it after completion', async () => {
    provider.enqueue({ text: ['slow ', 'reply'], chunkDelayMs: 150 });
    client.send({ type: 'req', id: 'd1', method: 'agent', params: { message: 'dup', idempotencyKey: 'run-dup' } });
    await client.response('d1');
    const duplicate = await client.request('agent', { message: 'dup', idempotencyKey: 'run-dup' });
    expect(duplicate.payload).toEqual({ runId: 'run-dup', status: 'in_flight' });
    await runEnd(client, 'run-dup');
    const replay = await client.request('agent', { message: 'dup', idempotencyKey: 'run-dup' });
    expect(replay.payload).toMatchObject({ runId: 'run-dup', status: 'ok', result: { payloads: [{ text: 'slow reply' }] } });
    expect(provider.requests.filter((r) => JSON.stringify(r.body).includes('"dup"')).length).toBe(1);
  });

  it('chat.send starts once, streams chat events, and keeps the transcript across a restart', async () => {
    provider.enqueue({ text: ['Remember ', 'this'] });
    const started = await client.call('chat.send', { sessionKey: 'notes', message: 'Note: buy milk', idempotencyKey: 'chat-1' });
    expect(started).toEqual({ runId: 'chat-1', status: 'started' });
    expect(await client.call('chat.send', { sessionKey: 'notes', message: 'Note: buy milk', idempotencyKey: 'chat-1' })).toMatchObject({
      runId: 'chat-1',
    });
    const final = await runEnd(client, 'chat-1');
    expect(final.payload).toMatchObject({ state: 'final', sessionKey: 'agent:main:notes', message: { content: [{ text: 'Remember this' }] } });
    expect(await client.call('chat.send', { sessionKey: 'notes', message: 'Note: buy milk', idempotencyKey: 'chat-1' })).toEqual({
      runId: 'chat-1',
      status: 'ok',
    });

    await gateway.stop();
    gateway = await startGateway({ stateDir: gateway.stateDir, config: configFor(provider) });
    client = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'chat-test', mode: 'ui' } })).client;
    const history = await client.call('chat.history', { sessionKey: 'notes' });
    expect(history).toMatchObject({ sessionKey: 'agent:main:notes', sessionId: expect.any(String), hasMore: false, activeRuns: [] });
    expect(history.messages.map((m: Frame) => [m.role, m.content[0].text])).toEqual([
      ['user', 'Note: buy milk'],
      ['assistant', 'Remember this'],
    ]);

    // The next turn carries the history to the model.
    provider.enqueue({ text: ['Milk.'] });
    await client.call('chat.send', { sessionKey: 'notes', message: 'What did I note?', idempotencyKey: 'chat-2' });
    await runEnd(client, 'chat-2');
    const body = provider.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] };
    expect(JSON.stringify(body.messages)).toContain('Note: buy milk');
    expect(JSON.stringify(body.messages)).toContain('Remember this');
  });

  it('aborts a streaming run: the provider stream stops, what was said is kept and marked aborted', async () => {
    provider.enqueue({ text: ['one ', 'two ', 'three ', 'four ', 'five'], chunkDelayMs: 200 });
    await client.call('chat.send', { sessionKey: 'abortable', message: 'count slowly', idempotencyKey: 'chat-abort' });
    await client.next((frame) => frame.event === 'chat' && frame.payload?.runId === 'chat-abort' && frame.payload.state === 'delta', 5_000);
    const aborted = await client.call('chat.abort', { sessionKey: 'abortable' });
    expect(aborted).toEqual({ ok: true, aborted: true, runIds: ['chat-abort'] });
    await provider.waitForClientAbort();
    const final = await runEnd(client, 'chat-abort');
    expect(final.payload.state).toBe('aborted');
    expect(referenceFrameErrors(final)).toEqual([]);
    const history = await client.call('chat.history', { sessionKey: 'abortable' });
    const assistant = history.messages.find((m: Frame) => m.role === 'assistant');
    expect(assistant).toMatchObject({ aborted: true });
    expect(assistant.content[0].text.startsWith('one')).toBe(true);
    expect(await client.call('chat.abort', { sessionKey: 'abortable' })).toEqual({ ok: true, aborted: false, runIds: [] });
  });

  it('reports an aborted agent run as status timeout / summary aborted', async () => {
    provider.enqueue({ text: ['a', 'b', 'c', 'd'], chunkDelayMs: 200 });
    client.send({ type: 'req', id: 'ab', method: 'agent', params: { message: 'x', idempotencyKey: 'run-abort', sessionKey: 'ab' } });
    await client.response('ab');
    await client.next((frame) => frame.event === 'chat' && frame.payload?.runId === 'run-abort' && frame.payload.state === 'delta', 5_000);
    await client.call('chat.abort', { sessionKey: 'ab', runId: 'run-abort' });
    const final = await client.next((frame) => frame.type === 'res' && frame.id === 'ab' && frame.payload?.status !== 'accepted', 5_000);
    expect(final).toMatchObject({ ok: true, payload: { runId: 'run-abort', status: 'timeout', summary: 'aborted', stopReason: 'aborted' } });
  });

  it('times out a run after its timeout: AGENT_TIMEOUT on protocol 3, status timeout on protocol 4', async () => {
    provider.enqueue({ text: ['very ', 'slow'], chunkDelayMs: 2_000 });
    client.send({ type: 'req', id: 't3', method: 'agent', params: { message: 'x', idempotencyKey: 'run-timeout-3', sessionKey: 'slow3', timeout: 1 } });
    const v3 = await client.next((frame) => frame.type === 'res' && frame.id === 't3' && frame.payload?.status !== 'accepted', 10_000);
    expect(v3).toMatchObject({ ok: false, error: { code: 'AGENT_TIMEOUT', retryable: true }, payload: { status: 'timeout', stopReason: 'timeout' } });

    const v4 = (await connectClient(gateway.url, { token: gateway.token, minProtocol: 4, maxProtocol: 4 })).client;
    provider.enqueue({ text: ['very ', 'slow'], chunkDelayMs: 2_000 });
    v4.send({ type: 'req', id: 't4', method: 'agent', params: { message: 'x', idempotencyKey: 'run-timeout-4', sessionKey: 'slow4', timeout: 1 } });
    const answer = await v4.next((frame) => frame.type === 'res' && frame.id === 't4' && frame.payload?.status !== 'accepted', 10_000);
    expect(answer).toMatchObject({ ok: true, payload: { status: 'timeout', summary: 'aborted', stopReason: 'timeout', timeoutPhase: 'run' } });
    v4.close();
  });

  it.each([
    [401, false, 'rejected the API key'],
    [429, true, 'rate limiting'],
    [500, true, 'server error'],
  ])('maps a provider %i to a clear error (retryable: %s)', async (status, retryable, text) => {
    provider.enqueue({ errorStatus: status });
    const runId = `run-${status}`;
    client.send({ type: 'req', id: runId, method: 'agent', params: { message: 'x', idempotencyKey: runId, sessionKey: `err-${status}` } });
    const final = await client.next((frame) => frame.type === 'res' && frame.id === runId && !frame.ok, 10_000);
    expect(final.error).toMatchObject({ code: 'UNAVAILABLE', retryable, details: { statusCode: status } });
    expect(final.error.message).toContain(text);
    expect(final.payload).toMatchObject({ runId, status: 'error' });
    const chatError = await runEnd(client, runId);
    expect(chatError.payload).toMatchObject({ state: 'error', errorDetail: { httpStatus: status } });
    expect(referenceFrameErrors(chatError)).toEqual([]);
  });

  it.each([
    ['a mid-stream disconnect', 'mock/mock-model', { disconnectAfterChunks: 2 }, 'terminated'],
    ["the provider's mid-stream error event", 'claude/claude-test', { streamErrorAfterChunks: 2, errorMessage: 'Overloaded' }, 'Overloaded'],
  ])('ends a run broken by %s as an error, keeping what was said', async (_name, model, script, text) => {
    const sessionKey = `broken-${model.split('/')[0]}`;
    await client.call('sessions.patch', { key: sessionKey, model });
    provider.enqueue({ text: ['Said ', 'so far', ' and never sent'], ...script });
    const runId = `run-broken-${model.split('/')[0]}`;
    client.send({ type: 'req', id: runId, method: 'agent', params: { message: 'x', idempotencyKey: runId, sessionKey } });
    const final = await client.next((frame) => frame.type === 'res' && frame.id === runId && frame.payload?.status !== 'accepted', 10_000);
    expect(final).toMatchObject({ ok: false, error: { retryable: true }, payload: { runId, status: 'error' } });
    expect(final.error.message).toContain(text);
    const chatError = await runEnd(client, runId);
    expect(chatError.payload).toMatchObject({ state: 'error', message: { content: [{ type: 'text', text: 'Said so far' }] } });
    expect(chatError.payload.errorMessage).toContain(text);
    const history = await client.call('chat.history', { sessionKey });
    expect(history.messages.at(-1)).toMatchObject({ role: 'assistant', content: [{ type: 'text', text: 'Said so far' }], stopReason: 'error' });
  });

  it('agent.wait reports finished, unknown and still-running runs', async () => {
    expect(await client.call('agent.wait', { runId: 'run-1' })).toMatchObject({ runId: 'run-1', status: 'ok', stopReason: 'stop' });
    expect((await client.request('agent.wait', { runId: 'never-ran' })).error.message).toBe('unknown runId: never-ran');
    provider.enqueue({ text: ['x', 'y'], chunkDelayMs: 500 });
    await client.call('chat.send', { sessionKey: 'waiting', message: 'x', idempotencyKey: 'chat-wait' });
    expect(await client.call('agent.wait', { runId: 'chat-wait', timeoutMs: 50 })).toMatchObject({ runId: 'chat-wait', status: expect.stringMatching(/^(timeout|pending)$/) });
    expect(await client.call('agent.wait', { runId: 'chat-wait', timeoutMs: 10_000 })).toMatchObject({ status: 'ok' });
  });

  it('queues runs of one session in order and runs other sessions in parallel', async () => {
    provider.setDefault({ text: ['done'], chunkDelayMs: 300 });
    const t0 = Date.now();
    await client.call('chat.send', { sessionKey: 'lane-a', message: 'first', idempotencyKey: 'lane-a-1' });
    await client.call('chat.send', { sessionKey: 'lane-a', message: 'second', idempotencyKey: 'lane-a-2' });
    await client.call('chat.send', { sessionKey: 'lane-b', message: 'other', idempotencyKey: 'lane-b-1' });
    const [a1, a2, b1] = await Promise.all([runEnd(client, 'lane-a-1'), runEnd(client, 'lane-a-2'), runEnd(client, 'lane-b-1')]);
    provider.setDefault(undefined);
    const startOf = (runId: string) =>
      runFrames(client, runId, 'agent').find((f) => f.payload.stream === 'lifecycle' && f.payload.data.phase === 'start')!.payload.data.startedAt as number;
    const endOf = (runId: string) =>
      runFrames(client, runId, 'agent').find((f) => f.payload.stream === 'lifecycle' && f.payload.data.phase === 'end')!.payload.data.endedAt as number;
    expect(startOf('lane-a-2')).toBeGreaterThanOrEqual(endOf('lane-a-1'));
    expect(startOf('lane-b-1')).toBeLessThan(endOf('lane-a-1'));
    expect([a1, a2, b1].every((f) => f.payload.state === 'final')).toBe(true);
    expect(Date.now() - t0).toBeGreaterThan(0);
  });

  it('passes images and extraSystemPrompt to the provider', async () => {
    provider.enqueue({ reasoning: ['Let me think. '], text: ['Thought it through.'] });
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
    client.send({
      type: 'req',
      id: 'img',
      method: 'agent',
      params: {
        message: 'What is in the picture?',
        idempotencyKey: 'run-image',
        sessionKey: 'pictures',
        attachments: [{ type: 'image', mimeType: 'image/png', content: png }],
        extraSystemPrompt: 'Answer in one sentence.',
      },
    });
    await client.next((frame) => frame.type === 'res' && frame.id === 'img' && frame.payload?.status === 'ok', 10_000);
    const body = JSON.stringify(provider.requests.at(-1)!.body);
    expect(body).toContain('Answer in one sentence.');
    expect(body).toContain(png.slice(0, 20));
  });

  it('streams thinking from a reasoning model chosen for the session', async () => {
    await client.call('sessions.patch', { key: 'thinker', model: 'claude/claude-test', thinkingLevel: 'low' });
    provider.enqueue({ reasoning: ['Weighing ', 'options. '], text: ['Decided.'] });
    await client.call('chat.send', { sessionKey: 'thinker', message: 'decide', idempotencyKey: 'think-1' });
    const final = await runEnd(client, 'think-1');
    expect(final.payload.message.content[0].text).toBe('Decided.');
    const thinking = runFrames(client, 'think-1', 'agent').filter((f) => f.payload.stream === 'thinking');
    expect(thinking.at(-1)!.payload.data.text).toBe('Weighing options. ');
    const request = provider.requests.at(-1)!;
    expect(request.provider).toBe('anthropic');
    expect(request.headers['x-api-key']).toBe('sk-ant-test-key-123456');
    expect(request.body).toMatchObject({ model: 'claude-test', thinking: { type: 'enabled' } });
    const history = await client.call('chat.history', { sessionKey: 'thinker' });
    expect(history.messages.at(-1).content[0]).toEqual({ type: 'thinking', thinking: 'Weighing options. ' });
  });

  it('continues a tool loop with the signed thinking block and the tool result in the next model call', async () => {
    await client.call('sessions.patch', { key: 'thinking-tools', model: 'claude/claude-test', thinkingLevel: 'low' });
    provider.enqueue({ reasoning: ['Need a tool. '], toolCalls: [{ name: 'no_such_tool', arguments: { q: 1 } }] }, { text: ['Could not look it up.'] });
    const before = provider.requests.length;
    await client.call('chat.send', { sessionKey: 'thinking-tools', message: 'look it up', idempotencyKey: 'think-tool' });
    const final = await runEnd(client, 'think-tool');
    expect(final.payload.state).toBe('final');
    expect(final.payload.message.content[0].text).toBe('Could not look it up.');
    const tool = runFrames(client, 'think-tool', 'agent').filter((f) => f.payload.stream === 'tool');
    expect(tool.map((f) => f.payload.data.phase)).toEqual(['start', 'result']);
    expect(tool[1]!.payload.data).toMatchObject({ name: 'no_such_tool', isError: true, result: { error: expect.stringContaining('no_such_tool') } });

    expect(provider.requests.length).toBe(before + 2);
    const followUp = provider.requests.at(-1)!.body as { messages: { role: string; content: { type: string }[] }[] };
    const [user, assistant, toolResult] = followUp.messages.slice(-3);
    expect(user!.role).toBe('user');
    expect(assistant!.content[0]).toEqual({ type: 'thinking', thinking: 'Need a tool. ', signature: 'scripted-thinking-signature' });
    expect(assistant!.content[1]).toMatchObject({ type: 'tool_use', name: 'no_such_tool', input: { q: 1 } });
    expect(toolResult!.role).toBe('user');
    expect(toolResult!.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: (assistant!.content[1] as unknown as { id: string }).id });
  });

  it('runs a tool loop through the OpenAI Responses API, sending the call and its output back as items', async () => {
    await client.call('sessions.patch', { key: 'responses-tools', model: 'oai/gpt-test' });
    provider.enqueue({ text: ['Checking. '], toolCalls: [{ name: 'no_such_tool', arguments: { q: 1 } }] }, { text: ['Could not check.'] });
    await client.call('chat.send', { sessionKey: 'responses-tools', message: 'check it', idempotencyKey: 'responses-tool' });
    const final = await runEnd(client, 'responses-tool');
    expect(final.payload).toMatchObject({ state: 'final', message: { content: [{ type: 'text', text: 'Checking. \n\nCould not check.' }] } });
    const [first, followUp] = provider.requests.slice(-2) as { provider: string; body: { input: { type?: string; role?: string; call_id?: string; name?: string }[] } }[];
    expect(first!.provider).toBe('openai-responses');
    const call = followUp!.body.input.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ name: 'no_such_tool' });
    expect(followUp!.body.input.find((item) => item.type === 'function_call_output')).toMatchObject({ call_id: call!.call_id });
  });

  it('refuses bad input with clear errors', async () => {
    const errorOf = async (method: string, params: unknown) => (await client.request(method, params)).error;
    expect((await errorOf('agent', { idempotencyKey: 'x' })).message).toBe("invalid agent params: must have required property 'message'");
    expect((await errorOf('agent', { message: 'hi' })).message).toBe("invalid agent params: must have required property 'idempotencyKey'");
    expect((await errorOf('agent', { message: 42, idempotencyKey: 'x' })).message).toBe('invalid agent params: at /message: must be string');
    expect((await errorOf('agent', { message: 'hi', idempotencyKey: 'u1', agentId: 'ghost' })).message).toBe('unknown agent: ghost');
    expect((await errorOf('agent', { message: 'hi', idempotencyKey: 'u2', sessionId: 'no-such-session' })).message).toBe(
      'unknown sessionId: no-such-session',
    );
    expect(await errorOf('agent', { message: 'hi', idempotencyKey: 'u3', deliver: true })).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/no chat channel is configured to deliver to: add a bot token under channels.telegram/) });
    const huge = 'A'.repeat(8_100_000);
    const oversized = await errorOf('chat.send', { sessionKey: 'main', message: 'look', idempotencyKey: 'u4', attachments: [{ mimeType: 'image/png', content: huge }] });
    expect(oversized).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'ATTACHMENT_TOO_LARGE' } });
    expect((await errorOf('chat.send', { sessionKey: 'main', message: 'x', idempotencyKey: 'u5', attachments: [{ mimeType: 'application/pdf', content: 'AAAA' }] })).message).toMatch(
      /only PNG, JPEG, GIF and WebP/,
    );
    expect((await errorOf('chat.send', { sessionKey: 'main', message: '   ', idempotencyKey: 'u6' })).message).toBe('message must not be empty');
    expect((await errorOf('chat.history', { sessionKey: 'agent:ghost' })).message).toMatch(/invalid session key/);
    expect((await errorOf('chat.send', { sessionKey: 'agent:ghost:main', message: 'x', idempotencyKey: 'u7' })).message).toMatch(/unknown agent/);
  });
});

describe('a gateway without a model provider', () => {
  it('answers agent and chat.send with UNAVAILABLE and says how to configure one', async () => {
    const gateway = await startGateway();
    const { client } = await connectClient(gateway.url, { token: gateway.token });
    const agent = await client.request('agent', { message: 'hi', idempotencyKey: 'none-1' });
    expect(agent.error).toMatchObject({ code: 'UNAVAILABLE', retryable: false, details: { code: 'NO_PROVIDER' } });
    expect(agent.error.message).toMatch(/no model provider is configured: set agents\.defaults\.model/);
    expect(agent.error.message).toContain(gateway.stateDir);
    const chat = await client.request('chat.send', { sessionKey: 'main', message: 'hi', idempotencyKey: 'none-2' });
    expect(chat.error).toMatchObject({ code: 'UNAVAILABLE', details: { code: 'NO_PROVIDER' } });
    client.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });
});
