import { describe, expect, it } from 'vitest';
import { readOverview } from '../../../client/overview/overview-reader.js';

const status = { version: '0.1.0', heartbeat: { agents: [] }, channelSummary: ['Telegram default: connected'], queuedSystemEvents: 0, uptimeMs: 5_000 };

describe('the Overview', () => {
  it('reads only what the gateway serves, each part parsed with its schema', async () => {
    const asked: string[] = [];
    const view = await readOverview(
      async (method) => {
        asked.push(method);
        if (method === 'status') return status;
        if (method === 'system-presence') return [{ ts: 1, host: 'laptop', mode: 'webchat' }];
        if (method === 'last-heartbeat') return null;
        throw new Error(`unexpected ${method}`);
      },
      ['status', 'system-presence', 'last-heartbeat'],
      () => 42,
    );
    expect(asked.sort()).toEqual(['last-heartbeat', 'status', 'system-presence']);
    expect(view.status).toMatchObject({ state: 'ready', value: { version: '0.1.0', uptimeMs: 5_000 } });
    expect(view.clients).toEqual({ state: 'ready', value: [{ ts: 1, host: 'laptop', mode: 'webchat' }] });
    expect(view.heartbeat).toEqual({ state: 'ready', value: null });
    expect(view.nodes).toEqual({ state: 'absent' });
    expect(view.cron).toEqual({ state: 'absent' });
    expect(view.readAtMs).toBe(42);
  });

  it('a failed or malformed part says so without hiding the others', async () => {
    const view = await readOverview(
      async (method) => {
        if (method === 'status') return status;
        if (method === 'node.list') return { nodes: 'many' };
        throw new Error('missing scope: operator.read');
      },
      ['status', 'node.list', 'cron.status'],
    );
    expect(view.status.state).toBe('ready');
    expect(view.nodes).toMatchObject({ state: 'failed', message: expect.stringContaining('node.list answered in an unexpected shape') });
    expect(view.cron).toEqual({ state: 'failed', message: 'missing scope: operator.read' });
  });
});
