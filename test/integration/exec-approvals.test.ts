import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';
import { referenceErrors, referenceFrameErrors } from '../helpers/reference-schemas.js';
import { runEnd } from '../helpers/chat-runs.js';

function providerConfig(provider: ModelProviderServer): string {
  return JSON.stringify({
    models: {
      providers: {
        mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'k', api: 'openai-completions', models: [{ id: 'm', name: 'M' }] },
      },
    },
    agents: { defaults: { model: 'mock/m' } },
  });
}

/** The tool result the model received on the follow-up call of a run. */
function toolResultSentToModel(provider: ModelProviderServer): any {
  const body = provider.requests.at(-1)!.body as { messages: { role: string; content: string }[] };
  const message = [...body.messages].reverse().find((m) => m.role === 'tool');
  return message ? JSON.parse(message.content) : undefined;
}

/** Runs here wait on people and commands: allow them longer. */
const finalChat = (client: RawClient, runId: string): Promise<Frame> => runEnd(client, runId, 15_000);

describe('exec approvals', () => {
  let provider: ModelProviderServer;
  let gateway: GatewayProcess;
  let user: RawClient;
  let approver: RawClient;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    gateway = await startGateway({ config: providerConfig(provider) });
    user = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.write'], client: { id: 'chat-ui', mode: 'ui' } })).client;
    approver = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.approvals', 'operator.read'], client: { id: 'tray', mode: 'ui', displayName: 'Tray' } })).client;
  });
  afterAll(async () => {
    user.close();
    approver.close();
    await gateway.stop();
    await provider.close();
    removeStateDir(gateway.stateDir);
  });

  async function runWithExec(runId: string, command: string, options: { followUp?: boolean } = {}) {
    const sessionKey = runId;
    provider.enqueue({ toolCalls: [{ name: 'exec', arguments: { command } }] });
    // An aborted run never makes its follow-up call, so only script one when it will.
    if (options.followUp !== false) provider.enqueue({ text: ['done'] });
    const requested = approver.nextNew((frame) => frame.event === 'exec.approval.requested' && frame.payload.request.command === command, 10_000);
    await user.call('chat.send', { sessionKey, message: `run ${command}`, idempotencyKey: runId });
    return requested;
  }

  it('waits for a person, runs the command once allowed and returns its real output to the model', async () => {
    const requested = await runWithExec('exec-allow', 'echo hello-from-exec');
    expect(requested.payload).toMatchObject({
      id: expect.any(String),
      request: { command: 'echo hello-from-exec', host: 'gateway', agentId: 'main', sessionKey: 'agent:main:exec-allow', cwd: expect.any(String) },
      expiresAtMs: expect.any(Number),
    });
    expect(user.events('exec.approval.requested')).toEqual([]);
    const resolved = approver.nextNew((frame) => frame.event === 'exec.approval.resolved');
    expect(await approver.call('exec.approval.resolve', { id: requested.payload.id, decision: 'allow-once' })).toEqual({ ok: true });
    // Recorded as the device the approver proved; its display name is only a label (issue 10, finding 7).
    expect((await resolved).payload).toMatchObject({
      id: requested.payload.id,
      decision: 'allow-once',
      resolvedBy: expect.stringMatching(/^device:[0-9a-f]{64}$/),
      resolvedByActor: { clientId: 'tray', label: 'Tray' },
    });
    const final = await finalChat(user, 'exec-allow');
    expect(final.payload.state).toBe('final');
    const result = toolResultSentToModel(provider);
    expect(result).toMatchObject({ status: 'ran', exitCode: 0, stdout: 'hello-from-exec\n', approvalId: requested.payload.id });
    const toolEvents = user.frames.filter((f) => f.event === 'agent' && f.payload.runId === 'exec-allow' && f.payload.stream === 'tool');
    expect(toolEvents.map((f) => f.payload.data.phase)).toEqual(['start', 'result']);
    for (const frame of toolEvents) expect(referenceFrameErrors(frame)).toEqual([]);
  });

  it('refuses a denied command and tells the model so', async () => {
    const requested = await runWithExec('exec-deny', 'echo never-runs');
    await approver.call('exec.approval.resolve', { id: requested.payload.id, decision: 'deny' });
    await finalChat(user, 'exec-deny');
    expect(toolResultSentToModel(provider)).toMatchObject({ status: 'denied', reason: 'a person denied this command' });
  });

  it('remembers allow-always: the same command runs without a prompt the second time', async () => {
    const requested = await runWithExec('exec-always-1', 'echo remembered');
    await approver.call('exec.approval.resolve', { id: requested.payload.id, decision: 'allow-always' });
    await finalChat(user, 'exec-always-1');
    const approvals = await approver.request('exec.approvals.get', {});
    expect(approvals.error?.message).toBe('missing scope: operator.admin');

    const admin = (await connectClient(gateway.url, { token: gateway.token })).client;
    const snapshot = await admin.call('exec.approvals.get');
    const entry = snapshot.file.agents.main.allowlist.find((e: Frame) => e.commandText === 'echo remembered');
    expect(entry).toMatchObject({ source: 'allow-always', pattern: expect.stringMatching(/echo$/), argPattern: '^remembered$' });
    expect(snapshot.allowlistProvenance[entry.id]).toMatchObject({
      addedBy: expect.stringMatching(/^device:/),
      addedByActor: { clientId: 'tray', label: 'Tray' },
      agentId: 'main',
      addedAtMs: expect.any(Number),
    });

    provider.enqueue({ toolCalls: [{ name: 'exec', arguments: { command: 'echo remembered' } }] }, { text: ['done again'] });
    const before = approver.events('exec.approval.requested').length;
    await user.call('chat.send', { sessionKey: 'exec-always-2', message: 'again', idempotencyKey: 'exec-always-2' });
    await finalChat(user, 'exec-always-2');
    expect(approver.events('exec.approval.requested').length).toBe(before);
    expect(toolResultSentToModel(provider)).toMatchObject({ status: 'ran', stdout: 'remembered\n' });
    // A different argument is a different command: it asks again.
    const other = await runWithExec('exec-always-3', 'echo something-else');
    await approver.call('exec.approval.resolve', { id: other.payload.id, decision: 'deny' });
    await finalChat(user, 'exec-always-3');
    admin.close();
  });

  it('cancels the pending approval when the run is aborted', async () => {
    const requested = await runWithExec('exec-abort', 'echo aborted-before-approval', { followUp: false });
    const resolved = approver.nextNew((frame) => frame.event === 'exec.approval.resolved' && frame.payload.id === requested.payload.id);
    await user.call('chat.abort', { sessionKey: 'exec-abort' });
    expect((await resolved).payload).toMatchObject({ decision: null, reason: 'cancelled' });
    expect((await finalChat(user, 'exec-abort')).payload.state).toBe('aborted');
    expect((await approver.request('exec.approval.resolve', { id: requested.payload.id, decision: 'allow-once' })).error).toMatchObject({
      message: 'unknown or expired approval id',
      details: { reason: 'APPROVAL_NOT_FOUND' },
    });
  });

  it('handles approvals from two sessions at once, each with its own decision', async () => {
    provider.enqueue(
      { toolCalls: [{ name: 'exec', arguments: { command: 'echo session-a' } }] },
      { toolCalls: [{ name: 'exec', arguments: { command: 'echo session-b' } }] },
    );
    provider.setDefault({ text: ['ok'] });
    const both = new Promise<Frame[]>((resolve) => {
      const seen: Frame[] = [];
      const check = () => {
        const found = approver.frames.filter((f) => f.event === 'exec.approval.requested' && /session-[ab]$/.test(f.payload.request.command));
        if (found.length >= 2) resolve(found);
        else setTimeout(check, 20);
      };
      check();
      void seen;
    });
    await user.call('chat.send', { sessionKey: 'para-a', message: 'a', idempotencyKey: 'para-a' });
    await user.call('chat.send', { sessionKey: 'para-b', message: 'b', idempotencyKey: 'para-b' });
    const [first, second] = await both;
    const listed = await approver.call('exec.approval.list');
    expect(listed.approvals.map((a: Frame) => a.id).sort()).toEqual([first!.payload.id, second!.payload.id].sort());
    const byCommand = Object.fromEntries([first!, second!].map((f) => [f.payload.request.command, f.payload.id]));
    await approver.call('exec.approval.resolve', { id: byCommand['echo session-a'], decision: 'allow-once' });
    await approver.call('exec.approval.resolve', { id: byCommand['echo session-b'], decision: 'deny' });
    await Promise.all([finalChat(user, 'para-a'), finalChat(user, 'para-b')]);
    provider.setDefault(undefined);
    const results = provider.requests
      .map((r) => JSON.stringify(r.body))
      .filter((text) => text.includes('session-a') || text.includes('session-b'));
    expect(results.some((text) => text.includes('\\"status\\":\\"ran\\"') && text.includes('session-a\\\\n'))).toBe(true);
    expect(results.some((text) => text.includes('a person denied this command'))).toBe(true);
  });

  it('expires an unanswered request at its deadline with no decision', async () => {
    approver.send({ type: 'req', id: 'exp', method: 'exec.approval.request', params: { command: 'echo late', timeoutMs: 1_000, twoPhase: true } });
    const accepted = await approver.response('exp');
    expect(accepted.payload).toMatchObject({ status: 'accepted', id: expect.any(String), expiresAtMs: expect.any(Number) });
    const final = await approver.next((frame) => frame.type === 'res' && frame.id === 'exp' && frame.payload?.status !== 'accepted', 5_000);
    expect(final.payload).toMatchObject({ id: accepted.payload.id, decision: null, reason: 'expired' });
    const event = approver.frames.find((f) => f.event === 'exec.approval.resolved' && f.payload.id === accepted.payload.id);
    expect(event?.payload).toMatchObject({ decision: null, reason: 'expired' });
  });

  it('answers resolve rules: repeat ok, change refused, bad decision refused', async () => {
    approver.send({ type: 'req', id: 'rr', method: 'exec.approval.request', params: { command: 'echo x', twoPhase: true } });
    const { payload } = await approver.response('rr');
    await approver.call('exec.approval.resolve', { id: payload.id, decision: 'deny' });
    expect(await approver.call('exec.approval.resolve', { id: payload.id, decision: 'deny' })).toEqual({ ok: true });
    expect((await approver.request('exec.approval.resolve', { id: payload.id, decision: 'allow-once' })).error.message).toBe('approval already resolved');
    approver.send({ type: 'req', id: 'rr2', method: 'exec.approval.request', params: { command: 'echo y', twoPhase: true } });
    const second = (await approver.response('rr2')).payload;
    expect((await approver.request('exec.approval.resolve', { id: second.id, decision: 'maybe' })).error.message).toBe('invalid decision');
    expect((await approver.request('exec.approval.resolve', { id: 'nope', decision: 'deny' })).error.details).toMatchObject({ reason: 'APPROVAL_NOT_FOUND' });
    expect((await approver.request('exec.approval.resolve', { id: second.id })).error.message).toBe(
      "invalid exec.approval.resolve params: must have required property 'decision'",
    );
    expect((await approver.request('exec.approval.request', { command: '' })).error.message).toMatch(/^invalid exec.approval.request params/);
    await approver.call('exec.approval.resolve', { id: second.id, decision: 'deny' });
  });

  it('refuses approval methods to operators without operator.approvals', async () => {
    expect((await user.request('exec.approval.resolve', { id: 'x', decision: 'deny' })).error).toMatchObject({
      message: 'missing scope: operator.approvals',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.approvals' },
    });
    expect((await user.request('exec.approval.list', {})).error.message).toBe('missing scope: operator.approvals');
  });

  it('guards the policy document with a hash, like config', async () => {
    const admin = (await connectClient(gateway.url, { token: gateway.token, minProtocol: 4, maxProtocol: 4 })).client;
    const current = await admin.request('exec.approvals.get', {});
    expect(referenceErrors('ExecApprovalsSnapshot', current.payload)).toEqual([]);
    const file = { ...current.payload.file, defaults: { security: 'full', ask: 'off', askFallback: 'deny' } };
    expect((await admin.request('exec.approvals.set', { file })).error.message).toBe('approvals base hash required; re-run exec.approvals.get and retry');
    expect((await admin.request('exec.approvals.set', { file, baseHash: 'sha256:stale' })).error.message).toMatch(/changed since last load/);
    expect((await admin.request('exec.approvals.set', { file: { version: 2 }, baseHash: current.payload.hash })).error.message).toMatch(
      /^invalid approvals file/,
    );
    const saved = await admin.call('exec.approvals.set', { file, baseHash: current.payload.hash });
    expect(saved.file.defaults).toEqual({ security: 'full', ask: 'off', askFallback: 'deny' });

    // With full/off the same tool call now runs without asking anyone.
    provider.enqueue({ toolCalls: [{ name: 'exec', arguments: { command: 'echo unattended' } }] }, { text: ['ok'] });
    const before = approver.events('exec.approval.requested').length;
    await user.call('chat.send', { sessionKey: 'unattended', message: 'go', idempotencyKey: 'exec-unattended' });
    await finalChat(user, 'exec-unattended');
    expect(approver.events('exec.approval.requested').length).toBe(before);
    expect(toolResultSentToModel(provider)).toMatchObject({ status: 'ran', stdout: 'unattended\n' });
    const restore = await admin.call('exec.approvals.get');
    await admin.call('exec.approvals.set', { file: { version: 1 }, baseHash: restore.hash });
    admin.close();
  });
});

describe('exec with nobody to approve', () => {
  it('falls back to the policy (deny) at once when no approver is connected', async () => {
    const provider = await ModelProviderServer.start();
    const gateway = await startGateway({ config: providerConfig(provider) });
    const { client } = await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.write'] });
    provider.enqueue({ toolCalls: [{ name: 'exec', arguments: { command: 'echo lonely' } }] }, { text: ['ok'] });
    await client.call('chat.send', { sessionKey: 'alone', message: 'go', idempotencyKey: 'alone' });
    await finalChat(client, 'alone');
    expect(toolResultSentToModel(provider)).toMatchObject({ status: 'denied', reason: expect.stringContaining('no-approver') });
    client.close();
    await gateway.stop();
    await provider.close();
    removeStateDir(gateway.stateDir);
  });

  it('kills the whole process tree when a command times out', async () => {
    const provider = await ModelProviderServer.start();
    const gateway = await startGateway({
      config: JSON.stringify({ ...JSON.parse(providerConfig(provider)), tools: { exec: { mode: 'full', timeoutSeconds: 1 } } }),
    });
    const { client } = await connectClient(gateway.url, { token: gateway.token });
    const admin = client;
    const snapshot = await admin.call('exec.approvals.get');
    await admin.call('exec.approvals.set', { file: { version: 1, defaults: { security: 'full', ask: 'off' } }, ...(snapshot.exists ? { baseHash: snapshot.hash } : {}) });
    provider.enqueue({ toolCalls: [{ name: 'exec', arguments: { command: 'sleep 30 & sleep 30; echo never' } }] }, { text: ['ok'] });
    const started = Date.now();
    await client.call('chat.send', { sessionKey: 'sleepy', message: 'go', idempotencyKey: 'sleepy' });
    await finalChat(client, 'sleepy');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(toolResultSentToModel(provider)).toMatchObject({ status: 'ran', timedOut: true });
    client.close();
    await gateway.stop();
    await provider.close();
    removeStateDir(gateway.stateDir);
  });
});

describe("a node's own exec policy", () => {
  it('relays exec.approvals.node.get/set to the node and keeps a copy', async () => {
    const { connectNode, nextInvoke } = await import('../helpers/node-client.js');
    const gateway = await startGateway();
    const admin = (await connectClient(gateway.url, { token: gateway.token })).client;
    const requested = admin.nextNew((frame) => frame.event === 'node.pair.requested');
    const node = await connectNode(gateway.url, { token: gateway.token, commands: ['system.execApprovals.get', 'system.execApprovals.set'] });
    await admin.call('node.pair.approve', { requestId: (await requested).payload.requestId });

    const file = { version: 1, defaults: { security: 'allowlist', ask: 'always' } };
    const invoked = nextInvoke(node);
    admin.send({ type: 'req', id: 'nget', method: 'exec.approvals.node.get', params: { nodeId: node.nodeId } });
    const request = await invoked;
    expect(request.payload).toMatchObject({ nodeId: node.nodeId, command: 'system.execApprovals.get' });
    node.client.send({
      type: 'req',
      id: 'r1',
      method: 'node.invoke.result',
      params: { id: request.payload.id, nodeId: node.nodeId, ok: true, payloadJSON: JSON.stringify({ path: '/node/exec-approvals.json', exists: true, hash: 'h1', file }) },
    });
    expect((await admin.response('nget')).payload).toEqual({ path: '/node/exec-approvals.json', exists: true, hash: 'h1', file });

    expect((await admin.request('exec.approvals.node.set', { nodeId: node.nodeId, file: { version: 9 } })).error.message).toMatch(/^invalid approvals file/);
    expect((await admin.request('exec.approvals.node.get', { nodeId: 'f'.repeat(64) })).error).toMatchObject({ code: 'UNAVAILABLE', details: { code: 'NOT_CONNECTED' } });
    expect((await admin.request('node.invoke', { nodeId: node.nodeId, command: 'system.execApprovals.get', idempotencyKey: 'k' })).error.code).toBe('INVALID_REQUEST');
    node.client.close();
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });
});
