import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { runEnd } from '../helpers/chat-runs.js';
import { createTestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';

/**
 * Finding 7 (issue 10): who resolved an approval (`resolvedBy`) and who added an allowlist entry
 * (`addedBy`) were the client's own display name, so any approver could sign as "Tray". The
 * audit now records the device and client the connection proved; the name is only a label.
 */
describe('approval audit fields cannot be chosen by the client', () => {
  let provider: ModelProviderServer;
  let gateway: GatewayProcess;
  let user: RawClient;
  let tray: RawClient;
  let impostor: RawClient;
  let admin: RawClient;
  const trayDevice = createTestDevice();
  const impostorDevice = createTestDevice();

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    gateway = await startGateway({
      config: JSON.stringify({
        models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'k', api: 'openai-completions', models: [{ id: 'm', name: 'M' }] } } },
        agents: { defaults: { model: 'mock/m' } },
      }),
    });
    const approvals = ['operator.approvals', 'operator.read'];
    user = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.write'], client: { id: 'chat-ui', mode: 'ui' } })).client;
    tray = (await connectClient(gateway.url, { token: gateway.token, device: trayDevice, scopes: approvals, client: { id: 'gatehouse-tray', mode: 'ui', displayName: 'Tray' } })).client;
    // The impostor picks the tray's display name for itself.
    impostor = (await connectClient(gateway.url, { token: gateway.token, device: impostorDevice, scopes: approvals, client: { id: 'impostor', mode: 'ui', displayName: 'Tray' } })).client;
    admin = (await connectClient(gateway.url, { token: gateway.token })).client;
  });
  afterAll(async () => {
    for (const client of [user, tray, impostor, admin]) client.close();
    await gateway.stop();
    await provider.close();
    removeStateDir(gateway.stateDir);
  });

  async function execAsking(runId: string, command: string): Promise<Frame> {
    provider.enqueue({ toolCalls: [{ name: 'exec', arguments: { command } }] }, { text: ['done'] });
    const requested = tray.nextNew((frame) => frame.event === 'exec.approval.requested' && frame.payload.request.command === command, 10_000);
    await user.call('chat.send', { sessionKey: runId, message: 'go', idempotencyKey: runId });
    return requested;
  }

  it('an impostor named "Tray" is recorded as its own device, in the event, the record and the allowlist', async () => {
    const requested = await execAsking('audit-1', 'echo audited');
    const resolved = tray.nextNew((frame) => frame.event === 'exec.approval.resolved' && frame.payload.id === requested.payload.id);
    await impostor.call('exec.approval.resolve', { id: requested.payload.id, decision: 'allow-always' });
    await runEnd(user, 'audit-1', 15_000);

    const impostorIdentity = { deviceId: impostorDevice.id, clientId: 'impostor', label: 'Tray' };
    expect((await resolved).payload).toMatchObject({ resolvedBy: `device:${impostorDevice.id}`, resolvedByActor: impostorIdentity });
    expect(await tray.call('exec.approval.get', { id: requested.payload.id })).toMatchObject({
      status: 'resolved',
      resolvedBy: `device:${impostorDevice.id}`,
      resolvedByActor: impostorIdentity,
    });

    const snapshot = await admin.call('exec.approvals.get');
    const entry = snapshot.file.agents.main.allowlist.find((e: Frame) => e.commandText === 'echo audited');
    expect(snapshot.allowlistProvenance[entry.id]).toMatchObject({
      addedBy: `device:${impostorDevice.id}`,
      addedByActor: impostorIdentity,
      approvalId: requested.payload.id,
    });
  });

  it('the real tray, same name, is told apart by its device', async () => {
    const requested = await execAsking('audit-2', 'echo by-the-tray');
    await tray.call('exec.approval.resolve', { id: requested.payload.id, decision: 'deny' });
    await runEnd(user, 'audit-2', 15_000);
    expect(await tray.call('exec.approval.get', { id: requested.payload.id })).toMatchObject({
      resolvedBy: `device:${trayDevice.id}`,
      resolvedByActor: { deviceId: trayDevice.id, clientId: 'gatehouse-tray', label: 'Tray' },
    });
  });

  it('a connection without a device key is recorded by its client id and how it authenticated', async () => {
    const tokenOnly = (await connectClient(gateway.url, { token: gateway.token, device: null, scopes: ['operator.approvals'], client: { id: 'cli', mode: 'cli', displayName: 'Tray' } })).client;
    const requested = await execAsking('audit-3', 'echo by-token');
    await tokenOnly.call('exec.approval.resolve', { id: requested.payload.id, decision: 'deny' });
    await runEnd(user, 'audit-3', 15_000);
    const record = await tray.call('exec.approval.get', { id: requested.payload.id });
    expect(record).toMatchObject({ resolvedBy: 'client:cli', resolvedByActor: { clientId: 'cli', authMethod: 'token', label: 'Tray' } });
    expect(record.resolvedByActor.deviceId).toBeUndefined();
    tokenOnly.close();
  });
});
