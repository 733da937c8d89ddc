/**
 * The companion controller driving a real gateway: the supervisor launches the gateway from
 * dist/, the operator connection pairs with its device identity, and every channel is called the
 * way the renderer calls it (through `invoke`, with untyped requests).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEventView } from '../../../shared/ipc/contract.js';
import { APPROVAL_NOTIFICATION, DEVICE_PAIRING_NOTIFICATION } from '../../../main/companion/approval-prompter.js';
import { ModelProviderServer } from '../../fixtures/model-provider/index.js';
import { attemptConnect } from '../../helpers/protocol-client.js';
import { createCompanion, type CompanionHarness } from '../../e2e/bridge/companion-harness.js';

const REMOTE = { 'x-forwarded-for': '203.0.113.50' };

function providerConfig(provider: ModelProviderServer, exec: 'ask' | 'full' = 'ask'): Record<string, unknown> {
  return {
    models: {
      providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'k', api: 'openai-completions', models: [{ id: 'm', name: 'Mock model' }] } },
    },
    agents: { defaults: { model: 'mock/m' } },
    tools: { exec: { mode: exec } },
  };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

const finalOf = (runId: string) => (event: ChatEventView) => event.runId === runId && event.state !== 'delta';

describe('CompanionController with a real gateway and the scripted model provider', () => {
  let provider: ModelProviderServer;
  let companion: CompanionHarness;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    companion = await createCompanion({ gatewayConfig: providerConfig(provider) });
  });
  afterAll(async () => {
    await companion?.close();
    await provider?.close();
  });

  it('starts the gateway on request: stopped → starting → running, then connects its operator', async () => {
    const { controller } = companion;
    expect(await controller.invoke('gateway:getStatus')).toMatchObject({ state: 'stopped', attached: false, canRetry: false });

    const result = await controller.invoke('gateway:start');

    expect(result).toEqual({ ok: true });
    const states = companion.eventsOf('tray:state').map((payload) => payload.state);
    expect(states.slice(0, 2)).toEqual(['starting', 'running']);
    const connected = await companion.nextEvent('gateway:status', (status) => status.connection.status === 'connected');
    expect(connected).toMatchObject({ state: 'running', url: `ws://127.0.0.1:${companion.port}`, pid: expect.any(Number), counts: { approvals: 0, pairing: 0 } });
    expect(await controller.invoke('tray:getState')).toEqual({ state: 'running' });
    const logs = await controller.invoke('logs:recent');
    expect(logs.join('\n')).toContain(`listening on ws://127.0.0.1:${companion.port}`);
    expect(logs.some((line) => JSON.parse(line.startsWith('{') ? line : '{}').source === 'supervisor')).toBe(true);
    expect(companion.eventsOf('logs:line').length).toBeGreaterThan(0);
  });

  it('streams a chat reply as chat:events under the key the renderer used, and reads it back as history', async () => {
    const { controller } = companion;
    provider.enqueue({ text: ['Hello', ' from', ' the scripted model.'], chunkDelayMs: 20 });

    const sent = await controller.invoke('chat:send', { sessionKey: 'chat-1', text: 'Hi there' });

    expect(sent).toEqual({ ok: true, runId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const final = await companion.nextEvent('chat:event', finalOf(sent.runId!));
    expect(final).toEqual({ sessionKey: 'chat-1', runId: sent.runId, state: 'final', text: 'Hello from the scripted model.' });
    const deltas = companion.eventsOf('chat:event').filter((event) => event.runId === sent.runId && event.state === 'delta');
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.every((event) => event.sessionKey === 'chat-1' && 'Hello from the scripted model.'.startsWith(event.text))).toBe(true);

    const history = await controller.invoke('chat:history', { sessionKey: 'chat-1' });
    expect(history.sessionKey).toBe('chat-1');
    expect(history.messages.map(({ role, text }) => ({ role, text }))).toEqual([
      { role: 'user', text: 'Hi there' },
      { role: 'assistant', text: 'Hello from the scripted model.' },
    ]);
    const sessions = await controller.invoke('chat:listSessions');
    expect(sessions).toContainEqual(expect.objectContaining({ key: 'chat-1', title: 'Hi there', model: 'mock/m', active: false }));
    expect(await controller.invoke('chat:listModels')).toContainEqual({ ref: 'mock/m', name: 'Mock model', provider: 'mock' });
    expect(await controller.invoke('chat:setModel', { sessionKey: 'chat-1', model: 'mock/m' })).toEqual({ ok: true });
    expect(await controller.invoke('chat:setModel', { sessionKey: 'chat-1', model: 'nowhere/none' })).toMatchObject({ ok: false, message: expect.any(String) });
  });

  it('raises an exec approval: a generic notification, the command in the approvals list; allowing it runs the command for the model', async () => {
    const { controller, notifier, windows } = companion;
    provider.enqueue({ toolCalls: [{ name: 'exec', arguments: { command: 'echo walkthrough-output' } }] }, { text: ['The command printed walkthrough-output.'] });
    const shownBefore = notifier.shown.length;

    const sent = await controller.invoke('chat:send', { sessionKey: 'chat-exec', text: 'run it' });
    const [approval] = await companion.nextEvent('approvals:changed', (list) => list.length === 1);

    expect(approval).toMatchObject({
      command: 'echo walkthrough-output',
      host: 'gateway',
      agentId: 'main',
      sessionKey: 'agent:main:chat-exec',
      decisions: ['allow-once', 'allow-always', 'deny'],
      expiresAtMs: expect.any(Number),
    });
    expect(await controller.invoke('approvals:list')).toEqual([approval]);
    expect((await controller.invoke('gateway:getStatus')).counts.approvals).toBe(1);
    await until(() => notifier.shown.length > shownBefore, 5_000, 'a notification');
    const notification = notifier.shown.at(-1)!;
    expect(notification).toMatchObject({ title: 'Gatehouse', body: APPROVAL_NOTIFICATION });
    expect(JSON.stringify(notification)).not.toContain('walkthrough');
    notifier.click();
    expect(windows.opened.at(-1)).toBe('approvals');

    expect(await controller.invoke('approvals:resolve', { id: approval!.id, decision: 'allow-once' })).toEqual({ ok: true });

    const final = await companion.nextEvent('chat:event', finalOf(sent.runId!));
    expect(final).toMatchObject({ state: 'final', sessionKey: 'chat-exec', text: 'The command printed walkthrough-output.' });
    const toolMessage = (provider.requests.at(-1)!.body as { messages: { role: string; content: string }[] }).messages.find((m) => m.role === 'tool');
    expect(JSON.parse(toolMessage!.content)).toMatchObject({ status: 'ran', exitCode: 0, stdout: 'walkthrough-output\n' });
    await companion.nextEvent('approvals:changed', (list) => list.length === 0);
    expect(await controller.invoke('approvals:resolve', { id: approval!.id, decision: 'deny' })).toMatchObject({ ok: false, message: expect.stringMatching(/no longer waiting/) });
    const history = await controller.invoke('chat:history', { sessionKey: 'chat-exec' });
    // The tool result is folded into its call's card on the assistant message that asked for it.
    expect(history.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'assistant']);
    expect(history.messages[1]!.tools).toMatchObject([
      { name: 'exec', command: 'echo walkthrough-output', state: 'done', exitCode: 0, output: expect.stringContaining('walkthrough-output') },
    ]);
  });

  it('lists a pairing request from a remote-looking device, notifies without naming it, and rejects it', async () => {
    const { controller, notifier, windows } = companion;
    const phone = await attemptConnect(`ws://127.0.0.1:${companion.port}`, {
      token: readFileSync(join(companion.stateDir, 'gateway.token'), 'utf8').trim(),
      headers: REMOTE,
      client: { displayName: 'Kitchen tablet' },
      scopes: ['operator.admin'],
    });
    phone.client.close();
    expect(phone.response.error?.details?.code).toBe('PAIRING_REQUIRED');

    const [request] = await companion.nextEvent('pairing:changed', (list) => list.length === 1);
    expect(request).toMatchObject({ kind: 'device', name: 'Kitchen tablet', address: expect.any(String), scopes: ['operator.admin'], elevated: true, commands: [] });
    await until(() => notifier.shown.some((shown) => shown.body === DEVICE_PAIRING_NOTIFICATION), 5_000, 'the pairing notification');
    expect(JSON.stringify(notifier.shown)).not.toContain('Kitchen');
    notifier.click(notifier.shown.findIndex((shown) => shown.body === DEVICE_PAIRING_NOTIFICATION));
    expect(windows.opened.at(-1)).toBe('pairing');

    expect(await controller.invoke('pairing:reject', { kind: 'node', requestId: request!.requestId })).toMatchObject({ ok: false });
    expect(await controller.invoke('pairing:reject', { kind: 'device', requestId: request!.requestId })).toEqual({ ok: true });
    await companion.nextEvent('pairing:changed', (list) => list.length === 0);
    expect(await controller.invoke('pairing:list')).toEqual([]);
  });

  it('copies the gateway token to the clipboard without ever answering it', async () => {
    const { controller, clipboard } = companion;
    const token = readFileSync(join(companion.stateDir, 'gateway.token'), 'utf8').trim();

    const result = await controller.invoke('settings:copyToken');

    expect(clipboard.texts).toEqual([token]);
    expect(JSON.stringify(result)).not.toContain(token);
    for (const event of companion.events) expect(JSON.stringify(event.payload)).not.toContain(token);
    for (const line of await controller.invoke('logs:recent')) expect(line).not.toContain(token);
  });

  it('rotates the token: a new token file, the gateway restarted with it, the operator back on it', async () => {
    const { controller, clipboard } = companion;
    const before = readFileSync(join(companion.stateDir, 'gateway.token'), 'utf8').trim();
    const pidBefore = (await controller.invoke('gateway:getStatus')).pid;

    const result = await controller.invoke('settings:rotateToken');

    expect(result).toMatchObject({ ok: true });
    const after = readFileSync(join(companion.stateDir, 'gateway.token'), 'utf8').trim();
    expect(after).not.toBe(before);
    const status = await companion.nextEvent('gateway:status', (s) => s.state === 'running' && s.connection.status === 'connected' && s.pid !== pidBefore, 20_000);
    expect(status.pid).not.toBe(pidBefore);
    // The old token no longer opens the gateway; the new one does.
    const old = await attemptConnect(`ws://127.0.0.1:${companion.port}`, { token: before, device: null });
    old.client.close();
    expect(old.response.ok).toBe(false);
    await controller.invoke('settings:copyToken');
    expect(clipboard.texts.at(-1)).toBe(after);
  });

  it('stops the gateway it started', async () => {
    const { controller } = companion;
    expect(await controller.invoke('gateway:stop')).toEqual({ ok: true });
    expect((await controller.invoke('gateway:getStatus')).state).toBe('stopped');
    expect(await controller.invoke('approvals:list')).toEqual([]);
    expect(await controller.invoke('chat:listSessions')).toEqual([]);
    expect(await controller.invoke('chat:send', { sessionKey: 'chat-1', text: 'anyone?' })).toMatchObject({ ok: false, message: expect.stringMatching(/not connected/) });
  });
});

describe('CompanionController settings against a real gateway', () => {
  const companions: CompanionHarness[] = [];
  afterEach(async () => {
    for (const companion of companions.splice(0)) await companion.close();
  });
  async function companionFor(options: Parameters<typeof createCompanion>[0] = {}) {
    const companion = await createCompanion(options);
    companions.push(companion);
    return companion;
  }

  it('without a provider, a chat send says so and points to Settings; setProvider then configures one through config.patch', async () => {
    const companion = await companionFor();
    const { controller } = companion;
    await controller.invoke('gateway:start');
    await companion.nextEvent('gateway:status', (status) => status.connection.status === 'connected');
    expect(await controller.invoke('settings:get')).toMatchObject({ providerConfigured: false, secretStorage: 'encrypted' });

    const sent = await controller.invoke('chat:send', { sessionKey: 'chat-np', text: 'hello?' });

    expect(sent).toMatchObject({ ok: false, needsProvider: true, message: expect.stringMatching(/^no model provider is configured/) });
    expect(await companion.nextEvent('chat:event', (event) => event.sessionKey === 'chat-np')).toMatchObject({ state: 'error', needsProvider: true });

    const setUp = await controller.invoke('settings:setProvider', { provider: 'anthropic', model: 'claude-sonnet-4-5', apiKey: 'sk-ant-test-0123456789' });
    expect(setUp).toMatchObject({ ok: true });
    await until(async () => (await controller.invoke('settings:get')).providerConfigured, 10_000, 'the provider to show in Settings');
    expect(await controller.invoke('settings:get')).toMatchObject({ providerConfigured: true, model: 'anthropic/claude-sonnet-4-5' });
    const config = JSON.parse(readFileSync(join(companion.stateDir, 'gatehouse.json'), 'utf8')) as Record<string, any>;
    expect(config.agents.defaults.model).toBe('anthropic/claude-sonnet-4-5');
    expect(config.env.vars.ANTHROPIC_API_KEY).toBe('sk-ant-test-0123456789');

    const custom = await controller.invoke('settings:setProvider', { provider: 'openai-compatible', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1/' });
    expect(custom).toMatchObject({ ok: true });
    const after = JSON.parse(readFileSync(join(companion.stateDir, 'gatehouse.json'), 'utf8')) as Record<string, any>;
    expect(after.models.providers.custom).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', api: 'openai-completions', models: [{ id: 'llama3.1', name: 'llama3.1' }] });
    expect(after.agents.defaults.model).toBe('custom/llama3.1');
    expect(await controller.invoke('settings:setProvider', { provider: 'openai-compatible', model: 'llama3.1' })).toMatchObject({ ok: false, message: expect.stringMatching(/base URL/) });
  });

  it('keeps preferences, switches launch at login, and moves to a new port when the port changes', async () => {
    const companion = await companionFor();
    const { controller, launchAtLogin } = companion;
    await controller.invoke('gateway:start');

    const view = await controller.invoke('settings:update', { notifications: false, launchAtLogin: true, quitBehavior: 'stop-gateway', onboardingDone: true });

    expect(view).toMatchObject({ notifications: false, launchAtLogin: true, quitBehavior: 'stop-gateway', onboardingDone: true, gatewayMode: 'local' });
    expect(launchAtLogin.enabled).toBe(true);
    expect(companion.preferences.read()).toMatchObject({ notifications: false, quitBehavior: 'stop-gateway', onboardingDone: true });

    const { freeLoopbackPort } = await import('../../e2e/bridge/companion-harness.js');
    const port = await freeLoopbackPort();
    const moved = await controller.invoke('settings:update', { port });
    expect(moved.port).toBe(port);
    const status = await companion.nextEvent('gateway:status', (s) => s.url === `ws://127.0.0.1:${port}` && s.state === 'running' && s.connection.status === 'connected', 20_000);
    expect(status.url).toBe(`ws://127.0.0.1:${port}`);
  });

  it('refuses to stop, restart or rotate the token of a gateway it did not start', async () => {
    const owner = await companionFor();
    await owner.controller.invoke('gateway:start');
    // A second companion on the same port finds that gateway healthy and attaches.
    const guest = await companionFor({ port: owner.port });
    await guest.controller.invoke('gateway:start');
    expect((await guest.controller.invoke('gateway:getStatus')).attached).toBe(true);

    for (const channel of ['gateway:stop', 'gateway:restart'] as const) {
      const result = await guest.controller.invoke(channel);
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/started outside Gatehouse/);
    }
    expect(await guest.controller.invoke('settings:rotateToken')).toMatchObject({ ok: false, message: expect.stringMatching(/started outside Gatehouse/) });
    expect(guest.controller.ownsRunningGateway).toBe(false);
    await guest.close({ stopGateway: true });
    companions.splice(companions.indexOf(guest), 1);
    expect((await owner.controller.invoke('gateway:getStatus')).state).toBe('running');
  });
});
