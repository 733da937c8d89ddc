/**
 * The controller's boundary and bookkeeping, without a gateway: every request the renderer can
 * send is checked before anything reaches the gateway; replayed and out-of-date decisions are
 * refused; events go out once per change; notifications stay generic. The gateway round trips
 * themselves are covered in test/integration/main/companion-controller.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { EventChannel, EventPayload, InvokeChannel } from '../../../shared/ipc/contract.js';
import { NO_PROVIDER_CODE } from '../../../shared/protocol/chat/events.js';
import type { ConfigGetResult } from '../../../shared/protocol/config/results.js';
import type { DevicePairRequest } from '../../../shared/protocol/devices/events.js';
import type { ExecApprovalRequestDetails, PendingExecApproval } from '../../../shared/protocol/exec-approvals/events.js';
import { APPROVAL_NOTIFICATION } from '../../../main/companion/approval-prompter.js';
import { CompanionController } from '../../../main/companion/companion-controller.js';
import { MemoryPreferencesStore, MemorySecretStore, type Preferences } from '../../../main/settings/preferences.js';
import { MemoryLaunchAtLogin, RecordingClipboard, RecordingNotifier, RecordingWindowOpener } from '../../e2e/bridge/companion-harness.js';
import { fakeLinks } from './fake-gateway-link.js';

function setUp(preferences: Partial<Preferences> = {}) {
  const links = fakeLinks();
  const events: { channel: EventChannel; payload: unknown }[] = [];
  const notifier = new RecordingNotifier();
  const clipboard = new RecordingClipboard();
  const windows = new RecordingWindowOpener();
  const store = new MemoryPreferencesStore(preferences);
  const secrets = new MemorySecretStore();
  const rotated: string[] = [];
  const controller = new CompanionController({
    appInfo: { version: '9.9.9', platform: 'linux' },
    links: links.factory,
    preferences: store,
    secrets,
    launchAtLogin: new MemoryLaunchAtLogin(),
    notifier,
    clipboard,
    windows,
    secretEncryption: () => 'encrypted',
    emit: (channel, payload) => events.push({ channel, payload }),
    rotateToken: (stateDir) => rotated.push(stateDir),
  });
  const eventsOf = <E extends EventChannel>(channel: E) => events.filter((event) => event.channel === channel).map((event) => event.payload as EventPayload<E>);
  return { controller, links, events, eventsOf, notifier, clipboard, windows, store, secrets, rotated };
}

const approval = (id: string, extra: Partial<ExecApprovalRequestDetails> = {}): PendingExecApproval => ({
  id,
  request: { command: `echo ${id}`, host: 'gateway', agentId: 'main', cwd: '/work', ...extra },
  createdAtMs: 500,
  expiresAtMs: 60_500,
});

/** A device pairing request as the gateway announces it. */
const devicePairing = (requestId: string, deviceId: string, extra: Partial<DevicePairRequest> = {}): DevicePairRequest => ({
  requestId,
  deviceId,
  publicKey: `key-of-${deviceId}`,
  role: 'operator',
  roles: ['operator'],
  scopes: ['operator.read'],
  silent: false,
  isRepair: false,
  ts: 1,
  ...extra,
});

/** `config.get` as the gateway answers it, around `config`. */
const configGet = (config: Record<string, unknown>): ConfigGetResult => ({
  path: '/tmp/fake-state/gatehouse.json',
  exists: true,
  raw: JSON.stringify(config),
  config,
  hash: 'h-1',
  valid: true,
  issues: [],
  warnings: [],
});

describe('CompanionController: the request boundary', () => {
  const badActionRequests: [InvokeChannel, unknown][] = [
    ['approvals:resolve', undefined],
    ['approvals:resolve', null],
    ['approvals:resolve', 'a-1'],
    ['approvals:resolve', { id: 'a-1' }],
    ['approvals:resolve', { id: 'a-1', decision: 'allow' }],
    ['approvals:resolve', { id: '', decision: 'deny' }],
    ['approvals:resolve', { id: 'x'.repeat(201), decision: 'deny' }],
    ['approvals:resolve', { id: 7, decision: 'deny' }],
    ['approvals:resolve', { id: 'a-1', decision: 'deny', resolvedBy: 'someone else' }],
    ['pairing:approve', { kind: 'admin', requestId: 'r-1' }],
    ['pairing:approve', { kind: 'device' }],
    ['pairing:reject', { kind: 'node', requestId: ['r-1'] }],
    ['chat:send', { sessionKey: '', text: 'hi' }],
    ['chat:send', { sessionKey: 'chat-1', text: '' }],
    ['chat:send', { sessionKey: 'chat\n1', text: 'hi' }],
    ['chat:send', { sessionKey: 'k'.repeat(501), text: 'hi' }],
    ['chat:send', { sessionKey: 'chat-1', text: 'x'.repeat(200_001) }],
    // The run id (idempotency key) is main's to make: a page cannot replay someone else's run.
    ['chat:send', { sessionKey: 'chat-1', text: 'hi', idempotencyKey: 'someone-elses-run' }],
    ['chat:abort', { sessionKey: 42 }],
    ['chat:setModel', { sessionKey: 'chat-1', model: 'has spaces/in it' }],
    ['settings:setProvider', { provider: 'evil', model: 'm' }],
    ['settings:setProvider', { provider: 'anthropic', model: '' }],
    ['settings:setProvider', { provider: 'openai', model: 'gpt', apiKey: 'two words' }],
    ['settings:setProvider', { provider: 'openai-compatible', model: 'm', baseUrl: 'x'.repeat(2_049) }],
    ['window:open', { view: 'devtools' }],
    ['window:open', { view: 'chat', url: 'https://evil.example/' }],
  ];

  it.each(badActionRequests)('answers %s %j with a failed ActionResult and never calls the gateway', async (channel, request) => {
    const { controller, links, windows } = setUp();

    const result = (await controller.invoke(channel, request)) as { ok: boolean; message?: string };

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(new RegExp(`^${channel}: bad request: `));
    expect(links.current().operator.requests).toEqual([]);
    expect(windows.opened).toEqual([]);
  });

  const badRequests: [InvokeChannel, unknown][] = [
    ['chat:history', undefined],
    ['chat:history', { sessionKey: '' }],
    ['chat:history', { sessionKey: 'chat-1', limit: 10_000 }],
    ['settings:update', null],
    ['settings:update', { port: 0 }],
    ['settings:update', { port: 70_000 }],
    ['settings:update', { port: '8080' }],
    ['settings:update', { bind: '0.0.0.0' }],
    ['settings:update', { quitBehavior: 'explode' }],
    ['settings:update', { remoteToken: '' }],
    ['settings:update', { theme: 'dark' }],
    ['settings:update', JSON.parse('{"__proto__": {"polluted": true}, "notifications": false}')],
    ['settings:update', { gatewayMode: 'remote' }],
    ['settings:update', { gatewayMode: 'remote', remoteUrl: 'file:///etc/passwd' }],
    ['settings:update', { gatewayMode: 'remote', remoteUrl: 'wss://user:secret@gateway.example' }],
  ];

  it.each(badRequests)('rejects %s %j and changes nothing', async (channel, request) => {
    const { controller, links, store } = setUp();
    const before = store.read();

    await expect(controller.invoke(channel, request)).rejects.toThrow(new RegExp(`^${channel}: bad request: `));

    expect(store.read()).toEqual(before);
    expect(links.current().operator.requests).toEqual([]);
    expect(links.targets).toHaveLength(1);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('knows no channel outside the contract', async () => {
    const { controller } = setUp();
    await expect(controller.invoke('gateway:call' as InvokeChannel, { method: 'config.apply' })).rejects.toThrow(/not a channel/);
  });

  it('refuses a decision on an approval that is not pending (replayed, decided elsewhere, expired)', async () => {
    const { controller, links } = setUp();
    const { operator } = links.current();
    operator.emit('exec.approval.requested', approval('a-1'));

    expect(await controller.invoke('approvals:resolve', { id: 'a-1', decision: 'allow-once' })).toEqual({ ok: true });
    operator.emit('exec.approval.resolved', { id: 'a-1', decision: 'allow-once', resolvedBy: 'Gatehouse tray', ts: 2 });
    const replay = await controller.invoke('approvals:resolve', { id: 'a-1', decision: 'allow-once' });
    const unknown = await controller.invoke('approvals:resolve', { id: 'never-seen', decision: 'deny' });

    expect(replay).toMatchObject({ ok: false, message: expect.stringMatching(/no longer waiting/) });
    expect(unknown.ok).toBe(false);
    expect(operator.requests).toEqual([{ method: 'exec.approval.resolve', params: { id: 'a-1', decision: 'allow-once' } }]);
  });

  it('drops an approval that expired with nobody deciding (resolvedBy null) from the list', async () => {
    const { controller, links } = setUp();
    const { operator } = links.current();
    operator.emit('exec.approval.requested', approval('a-2'));
    operator.emitRaw('exec.approval.resolved', { id: 'a-2', decision: null, resolvedBy: null, ts: 3, reason: 'expired' });
    // emitRaw does not run the schema; do what OperatorConnection does with a valid payload.
    operator.emit('exec.approval.resolved', { id: 'a-2', decision: null, resolvedBy: null, ts: 3 });

    expect(await controller.invoke('approvals:list')).toEqual([]);
  });

  it('offers only the decisions the gateway allows, and refuses the others', async () => {
    const { controller, links } = setUp();
    const { operator } = links.current();
    operator.emit('exec.approval.requested', approval('a-3', { unavailableDecisions: ['allow-always'] }));

    const [view] = await controller.invoke('approvals:list');
    const refused = await controller.invoke('approvals:resolve', { id: 'a-3', decision: 'allow-always' });

    expect(view?.decisions).toEqual(['allow-once', 'deny']);
    expect(refused).toMatchObject({ ok: false });
    expect(operator.requests).toEqual([]);
  });

  it('decides only pairing requests that are waiting, with the method of their kind', async () => {
    const { controller, links } = setUp();
    const { operator } = links.current();
    operator.emit('node.pair.requested', { requestId: 'n-1', nodeId: 'node-abc', displayName: 'Build box', commands: ['system.run', 'camera.snap'], ts: 10 });

    expect(await controller.invoke('pairing:reject', { kind: 'device', requestId: 'n-1' })).toMatchObject({ ok: false });
    expect(await controller.invoke('pairing:approve', { kind: 'node', requestId: 'n-1' })).toEqual({ ok: true });
    expect(operator.requests).toEqual([{ method: 'node.pair.approve', params: { requestId: 'n-1' } }]);
  });

  it('shows nothing pending while the operator connection is down', async () => {
    const { controller, links } = setUp();
    const { operator } = links.current();
    operator.emit('exec.approval.requested', approval('a-4'));
    operator.setStatus({ kind: 'disconnected', willRetry: true, since: 5 });

    expect(await controller.invoke('approvals:list')).toEqual([]);
    expect((await controller.invoke('gateway:getStatus')).counts).toEqual({ approvals: 0, pairing: 0 });
    expect(await controller.invoke('approvals:resolve', { id: 'a-4', decision: 'deny' })).toMatchObject({ ok: false });
  });
});

describe('CompanionController: gateway intents', () => {
  it('maps supervisor outcomes to ActionResults', async () => {
    const { controller, links } = setUp();
    const { control } = links.current();

    expect(await controller.invoke('gateway:restart')).toEqual({ ok: true });
    control.outcome = 'superseded';
    expect(await controller.invoke('gateway:stop')).toEqual({ ok: true, message: 'stop did not work' });
    control.outcome = 'failed';
    expect(await controller.invoke('gateway:retry')).toEqual({ ok: false, message: 'retry did not work' });
    expect(control.intents).toEqual(['restart', 'stop', 'retry']);
  });

  it('refuses to stop or restart an attached gateway without asking the supervisor', async () => {
    const { controller, links } = setUp();
    const { control } = links.current();
    control.setStatus({ state: 'attached', pid: undefined });

    for (const channel of ['gateway:stop', 'gateway:restart'] as const) {
      expect(await controller.invoke(channel)).toMatchObject({ ok: false, message: expect.stringMatching(/started outside Gatehouse/) });
    }
    expect(control.intents).toEqual([]);
    expect(controller.ownsRunningGateway).toBe(false);
    expect(await controller.invoke('gateway:getStatus')).toMatchObject({ attached: true, canRetry: false });
  });
});

describe('CompanionController: events and notifications', () => {
  it('publishes status, tray state, approvals and pairing once per change', () => {
    const { links, eventsOf } = setUp();
    const { control, operator } = links.current();

    control.setStatus({ state: 'starting' });
    control.setStatus({ state: 'starting' });
    control.setStatus({ state: 'running' });
    operator.emit('exec.approval.requested', approval('a-5'));
    operator.emit('presence', { presence: [] });

    expect(eventsOf('tray:state')).toEqual([{ state: 'starting' }, { state: 'running' }]);
    expect(eventsOf('approvals:changed')).toHaveLength(1);
    expect(eventsOf('approvals:changed')[0]![0]).toMatchObject({ id: 'a-5', command: 'echo a-5', decisions: ['allow-once', 'allow-always', 'deny'] });
    expect(eventsOf('gateway:status').at(-1)).toMatchObject({ state: 'running', counts: { approvals: 1, pairing: 0 }, connection: { status: 'connected' } });
    expect(eventsOf('pairing:changed')).toHaveLength(0);
  });

  it('notifies with generic text only, opens the right window on click, and respects the preference', async () => {
    const { controller, links, notifier, windows } = setUp();
    const { operator } = links.current();

    operator.emit('exec.approval.requested', approval('rm -rf ~/important'));
    operator.emit('device.pair.requested', devicePairing('d-1', 'dev-1', { displayName: 'Evil “approve me” device', ts: 1 }));
    operator.emit('device.pair.requested', devicePairing('d-2', 'dev-2', { silent: true, ts: 2 }));

    expect(notifier.shown.map((shown) => shown.body)).toEqual([APPROVAL_NOTIFICATION, 'A device asks to pair']);
    expect(JSON.stringify(notifier.shown)).not.toMatch(/rm -rf|Evil|dev-1/);
    notifier.click(0);
    notifier.click(1);
    expect(windows.opened).toEqual(['approvals', 'pairing']);

    await controller.invoke('settings:update', { notifications: false });
    operator.emit('exec.approval.requested', approval('a-6'));
    expect(notifier.shown).toHaveLength(2);
    // Never decides on its own.
    expect(operator.requests).toEqual([]);
  });

  it('reports gateway chat events under the key the renderer sent on, with cumulative text', async () => {
    const { controller, links, eventsOf } = setUp();
    const { operator } = links.current();
    const sent = await controller.invoke('chat:send', { sessionKey: 'chat-9', text: 'hi' });
    const runId = sent.runId!;
    const message = (text: string) => ({ role: 'assistant', content: [{ type: 'text', text }], timestamp: 1 });

    operator.emitRaw('chat', { runId, sessionKey: 'agent:main:chat-9', state: 'delta', seq: 1, message: message('Hel'), deltaText: 'Hel' });
    operator.emitRaw('chat', { runId, sessionKey: 'agent:main:chat-9', state: 'delta', seq: 2, message: message('Hello'), deltaText: 'lo' });
    operator.emitRaw('chat', { runId, sessionKey: 'agent:main:chat-9', state: 'final', seq: 3 });
    operator.emitRaw('chat', {
      runId: 'other',
      sessionKey: 'agent:main:chat-9',
      state: 'error',
      seq: 1,
      errorMessage: 'anthropic rejected the API key (401)',
      errorKind: 'unknown',
      errorDetail: { provider: 'anthropic', model: 'claude-test', httpStatus: 401 },
    });
    operator.emitRaw('chat', { runId: 'junk' });

    expect(operator.requests[0]).toEqual({ method: 'chat.send', params: { sessionKey: 'chat-9', message: 'hi', idempotencyKey: runId } });
    expect(eventsOf('chat:event')).toEqual([
      { sessionKey: 'chat-9', runId, state: 'delta', text: 'Hel' },
      { sessionKey: 'chat-9', runId, state: 'delta', text: 'Hello' },
      { sessionKey: 'chat-9', runId, state: 'final', text: 'Hello' },
      // Learned: agent:main:chat-9 is what this renderer calls chat-9.
      { sessionKey: 'chat-9', runId: 'other', state: 'error', text: '', error: 'anthropic rejected the API key (401)' },
    ]);
  });

  it('asks for a provider when the gateway refuses with details.code NO_PROVIDER, whatever the wording', async () => {
    const { controller, links, eventsOf } = setUp();
    const { operator } = links.current();
    const refusal = (code: string) => Object.assign(new Error('any wording at all'), { code: 'UNAVAILABLE', retryable: false, details: { code } });
    operator.answer = () => {
      throw refusal(NO_PROVIDER_CODE);
    };

    expect(await controller.invoke('chat:send', { sessionKey: 'chat-1', text: 'hi' })).toEqual({ ok: false, message: 'any wording at all', needsProvider: true });
    expect(eventsOf('chat:event').at(-1)).toMatchObject({ sessionKey: 'chat-1', state: 'error', error: 'any wording at all', needsProvider: true });

    // Any other reason a model cannot be used is a plain failure, even in the old wording.
    operator.answer = () => {
      throw Object.assign(refusal('MODEL_UNAVAILABLE'), { message: 'no model provider is configured: set agents.defaults.model' });
    };
    const other = await controller.invoke('chat:send', { sessionKey: 'chat-2', text: 'hi' });
    expect(other).toEqual({ ok: false, message: 'no model provider is configured: set agents.defaults.model' });
    expect(eventsOf('chat:event').at(-1)).not.toHaveProperty('needsProvider');
  });

  it('reads chat.abort with the protocol schema', async () => {
    const { controller, links } = setUp();
    const { operator } = links.current();

    operator.answer = () => ({ ok: true, aborted: true, runIds: ['run-1'] });
    expect(await controller.invoke('chat:abort', { sessionKey: 'chat-1' })).toEqual({ ok: true });
    operator.answer = () => ({ ok: true, aborted: false, runIds: [] });
    expect(await controller.invoke('chat:abort', { sessionKey: 'chat-1' })).toEqual({ ok: true, message: 'Nothing was running in this session.' });
    operator.answer = () => ({ ok: true });
    expect(await controller.invoke('chat:abort', { sessionKey: 'chat-1' })).toMatchObject({ ok: false, message: expect.stringMatching(/^chat\.abort answered in an unexpected shape/) });
  });
});

describe('CompanionController: token and settings', () => {
  it('copies the token to the clipboard and never returns it', async () => {
    const { controller, clipboard, events } = setUp();

    const result = await controller.invoke('settings:copyToken');

    expect(clipboard.texts).toEqual(['fake-gateway-token-0123456789']);
    expect(JSON.stringify(result)).not.toContain('fake-gateway-token');
    expect(JSON.stringify(events)).not.toContain('fake-gateway-token');
  });

  it('rotates a local token by replacing the link: the old gateway stopped, a new one started', async () => {
    const { controller, links, rotated } = setUp();

    expect(await controller.invoke('settings:rotateToken')).toMatchObject({ ok: true });

    expect(rotated).toEqual(['/tmp/fake-state']);
    expect(links.links[0]!.closed).toEqual([{ stopGateway: true }]);
    expect(links.links).toHaveLength(2);
    expect(links.current().control.intents).toEqual(['start']);
  });

  it('switches to a remote gateway: the token goes to the secret store, never into the view', async () => {
    const { controller, links, secrets } = setUp();

    const view = await controller.invoke('settings:update', { gatewayMode: 'remote', remoteUrl: 'https://gateway.example.net:8443/', remoteToken: 'remote-token-abcdef' });

    expect(view).toMatchObject({ gatewayMode: 'remote', remoteUrl: 'wss://gateway.example.net:8443' });
    expect(JSON.stringify(view)).not.toContain('remote-token');
    expect(secrets.get('remoteGatewayToken')).toBe('remote-token-abcdef');
    expect(links.targets.at(-1)).toEqual({ mode: 'remote', url: 'wss://gateway.example.net:8443', token: 'remote-token-abcdef' });
    expect(await controller.invoke('settings:rotateToken')).toMatchObject({ ok: false, message: expect.stringMatching(/runs elsewhere/) });
  });

  it('keeps a bind chosen while disconnected and writes it to the gateway config once connected', async () => {
    const { controller, links } = setUp();
    const { operator } = links.current();
    operator.setStatus({ kind: 'disconnected', willRetry: true, since: 1 });
    operator.answer = (method) => (method === 'config.get' ? configGet({ gateway: { bind: 'loopback' } }) : { ok: true });

    expect((await controller.invoke('settings:update', { bind: 'lan' })).bind).toBe('lan');
    expect(operator.requests).toEqual([]);
    operator.setStatus({ kind: 'connected', protocol: 4, serverVersion: 't', scopes: [], since: 2 });
    await new Promise((done) => setTimeout(done, 10));

    expect(operator.requests.map((request) => request.method)).toEqual(['config.get', 'config.get', 'config.patch', 'config.get']);
    expect(operator.requests[2]!.params).toEqual({ raw: JSON.stringify({ gateway: { bind: 'lan' } }), baseHash: 'h-1' });
  });

  it('tells every window when what Settings shows changes, whoever changed it, and only then', async () => {
    const { controller, links, eventsOf } = setUp();
    const { operator } = links.current();
    operator.answer = (method) => (method === 'config.get' ? configGet({ agents: { defaults: { model: 'anthropic/claude-test' } } }) : { ok: true });

    await controller.invoke('settings:update', { notifications: false });
    await controller.invoke('settings:update', { notifications: false });
    expect(eventsOf('settings:changed').map((view) => view.notifications)).toEqual([false]);

    // The gateway's config changed (another client, config.apply): the model shown follows.
    operator.emitRaw('config.changed', {});
    await new Promise((done) => setTimeout(done, 10));
    expect(eventsOf('settings:changed').at(-1)).toMatchObject({ model: 'anthropic/claude-test', providerConfigured: true });

    // The tray's Launch at login, outside Settings.
    controller.settingsChanged();
    expect(eventsOf('settings:changed')).toHaveLength(2);
    await controller.invoke('settings:update', { launchAtLogin: true });
    expect(eventsOf('settings:changed').at(-1)).toMatchObject({ launchAtLogin: true });
    expect(eventsOf('settings:changed').at(-1)).toEqual(await controller.invoke('settings:get'));
  });

  it('logs: supervisor notes as JSON lines, gateway lines as written, each pushed as it comes', async () => {
    const { controller, links, eventsOf } = setUp();
    const { control } = links.current();
    control.log.append('supervisor', 'launching node gateway run');
    control.log.append('stdout', '{"level":30,"msg":"gateway listening"}', 42);

    const lines = await controller.invoke('logs:recent');

    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'launching node gateway run', source: 'supervisor' });
    expect(lines[1]).toBe('{"level":30,"msg":"gateway listening"}');
    expect(eventsOf('logs:line')).toEqual(lines);
  });
});
