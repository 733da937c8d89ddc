import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';
import { referenceErrors } from '../helpers/reference-schemas.js';

// update.run never pretends: the gateway these tests run is the repository's own bundle, a git
// checkout, so it answers `skipped` with the commands that update a checkout.

describe('update.run / update.status', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;

  beforeAll(async () => {
    gateway = await startGateway();
    admin = (await connectClient(gateway.url, { token: gateway.token })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('answers skipped for a git checkout, with the reason and the commands to run, and does not restart', async () => {
    const result = await admin.call('update.run', { note: 'from the test', restartDelayMs: 0 });
    expect(result).toEqual({
      ok: true,
      result: {
        status: 'skipped',
        mode: 'git',
        steps: [],
        reason: expect.stringContaining('git checkout'),
        command: expect.stringMatching(/^git -C ".+" pull --ff-only && npm --prefix ".+" ci && npm --prefix ".+" run build:gateway$/),
        root: expect.any(String),
      },
      restart: null,
    });
    expect((await admin.request('health')).ok).toBe(true);
  });

  it('reports no known update and the install kind, in the protocol-4 shape', async () => {
    const status = await admin.call('update.status', {});
    expect(referenceErrors('UpdateStatusResult', status)).toEqual([]);
    expect(status).toEqual({ sentinel: null, updateAvailable: null, schedule: { channel: 'stable', autoEnabled: false, install: { kind: 'git' } } });
  });
});
