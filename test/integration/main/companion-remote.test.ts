/**
 * Settings → "Attach to a gateway at a URL": no supervisor, the operator connection alone, to a
 * real gateway someone else runs. The companion never stops it; a wrong token pauses with the
 * next step, and entering the right one in Settings connects.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { removeStateDir, startGateway, TEST_TOKEN, type GatewayProcess } from '../../helpers/gateway-process.js';
import { createCompanion, type CompanionHarness } from '../../e2e/bridge/companion-harness.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function remoteGateway(): Promise<GatewayProcess> {
  const gateway = await startGateway();
  cleanups.push(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });
  return gateway;
}

async function companionFor(url: string, token: string): Promise<CompanionHarness> {
  const companion = await createCompanion({ preferences: { gatewayMode: 'remote', remoteUrl: url, onboardingDone: true }, secrets: { remoteGatewayToken: token } });
  cleanups.push(() => companion.close());
  return companion;
}

describe('CompanionController attached to a gateway at a URL', () => {
  it('connects with the saved token, shows it as attached, and never stops or restarts it', async () => {
    const gateway = await remoteGateway();
    const companion = await companionFor(gateway.url, TEST_TOKEN);
    const { controller } = companion;

    await controller.start();

    expect(await controller.invoke('gateway:getStatus')).toMatchObject({ state: 'attached', attached: true, url: gateway.url, connection: { status: 'connected' } });
    expect(await controller.invoke('settings:get')).toMatchObject({ gatewayMode: 'remote', remoteUrl: gateway.url });
    expect(await controller.invoke('chat:listSessions')).toEqual([]);
    for (const channel of ['gateway:stop', 'gateway:restart'] as const) {
      expect(await controller.invoke(channel)).toMatchObject({ ok: false });
    }
    await controller.invoke('settings:copyToken');
    expect(companion.clipboard.texts).toEqual([TEST_TOKEN]);

    await companion.close({ stopGateway: true });
    cleanups.splice(cleanups.length - 1, 1);
    expect(gateway.child.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${gateway.port}/healthz`)).ok).toBe(true);
  });

  it('pauses on a wrong token with the next step, and connects once the right one is entered', async () => {
    const gateway = await remoteGateway();
    const companion = await companionFor(gateway.url, 'not-the-right-token-0123456789');
    const { controller } = companion;

    const started = await controller.invoke('gateway:start');

    expect(started).toMatchObject({ ok: false, message: expect.stringMatching(/token/) });
    expect(await controller.invoke('gateway:getStatus')).toMatchObject({ state: 'error', canRetry: true, connection: { status: 'paused', nextStep: expect.stringMatching(/token/) } });

    await controller.invoke('settings:update', { remoteToken: TEST_TOKEN });

    const status = await companion.nextEvent('gateway:status', (s) => s.state === 'attached' && s.connection.status === 'connected');
    expect(status.url).toBe(gateway.url);
    expect(companion.secrets.get('remoteGatewayToken')).toBe(TEST_TOKEN);
  });
});
