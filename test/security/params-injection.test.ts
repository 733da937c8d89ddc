import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_CATALOGUE } from '../../shared/protocol/method-catalogue.js';
import { startGateway, removeStateDir, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectNode, type TestNode } from '../helpers/node-client.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

// The attack: a client adds a key the method does not define, hoping a handler spreads it into
// its own options (logs.tail once read any file named by `file`, including the gateway token).

describe('params injection', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  let reader: RawClient;
  let node: TestNode;
  let advertised: string[];

  beforeAll(async () => {
    gateway = await startGateway();
    const connected = await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.admin'] });
    admin = connected.client;
    advertised = connected.hello.features.methods as string[];
    reader = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'] })).client;
    node = await connectNode(gateway.url, { token: gateway.token });
  });
  afterAll(async () => {
    admin.close();
    reader.close();
    node.client.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('cannot make logs.tail read the gateway token file with operator.read', async () => {
    const response = await reader.request('logs.tail', { file: `${gateway.stateDir}/gateway.token` });
    expect(response.ok).toBe(false);
    expect(response.error).toMatchObject({ code: 'INVALID_REQUEST', message: "invalid logs.tail params: unexpected property 'file'" });
    expect(JSON.stringify(response)).not.toContain(gateway.token);
  });

  it('cannot smuggle a key through a protocol-4 key the gateway ignores', async () => {
    // maxChars is a protocol-4 chat.history key we accept and never use; the call still works.
    const response = await reader.request('chat.history', { sessionKey: 'main', maxChars: 5 });
    expect(response.ok).toBe(true);
  });

  it('is refused by every advertised method before any handler runs', async () => {
    expect(advertised.length).toBeGreaterThan(40);
    const reachedAHandler: string[] = [];
    for (const method of advertised) {
      const caller = METHOD_CATALOGUE[method]?.scope === 'node' ? node.client : admin;
      const response = await caller.request(method, { injectedKey: '/etc/hostname' });
      const message = String(response.error?.message ?? '');
      if (response.ok || !message.includes("unexpected property 'injectedKey'")) reachedAHandler.push(`${method}: ${JSON.stringify(response.error ?? response.payload).slice(0, 200)}`);
    }
    expect(reachedAHandler).toEqual([]);
  });

  it('refuses an unknown key inside a nested params object', async () => {
    const response = await node.client.request('node.invoke.result', {
      id: 'x',
      nodeId: node.nodeId,
      ok: false,
      error: { code: 'E', message: 'm', stack: 'injected' },
    });
    expect(response.error?.message).toBe("invalid node.invoke.result params: at /error: unexpected property 'stack'");
  });
});
