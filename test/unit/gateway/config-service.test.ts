import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigService, type ConfigChange } from '../../../gateway/core/config-service.js';
import { loadConfig } from '../../../gateway/core/config/index.js';
import { EventBus, type EventRecipient } from '../../../gateway/core/events/event-bus.js';

async function fixture(first: object) {
  const stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-config-service-'));
  const path = join(stateDir, 'gatehouse.json');
  const env = { GATEHOUSE_STATE_DIR: stateDir };
  const load = async (config: object) => {
    writeFileSync(path, JSON.stringify(config));
    return loadConfig({ path, stateDir, env });
  };
  const broadcasts: string[] = [];
  const recipient: EventRecipient = {
    connId: 'c1',
    role: 'operator',
    scopes: ['operator.admin'],
    deliverBroadcast: (frame) => broadcasts.push(frame.head),
  };
  const restarts: { reason: string; delayMs: number }[] = [];
  const service = new ConfigService({
    initial: await load(first),
    stateDir,
    env,
    overrides: {},
    bus: new EventBus({ recipients: () => [recipient] }),
    announce: () => undefined,
    restart: (reason, delayMs) => restarts.push({ reason, delayMs }),
  });
  return { service, load, broadcasts, restarts, stateDir };
}

describe('ConfigService: one way a config change arrives', () => {
  it('tells subscribers, then operators, and restarts only when a changed key needs it', async () => {
    const { service, load, broadcasts, restarts } = await fixture({ gateway: { auth: { mode: 'none' } }, logging: { level: 'info' } });
    const heard: ConfigChange[] = [];
    service.subscribe((change) => heard.push(change));

    const hot = service.apply(await load({ gateway: { auth: { mode: 'none' } }, logging: { level: 'debug' } }), 'when-required');
    expect(hot.changedPaths).toContain('logging.level');
    expect(hot.restart).toEqual({ scheduled: false, required: false });
    expect(heard.map((change) => change.changedPaths)).toEqual([hot.changedPaths]);
    expect(heard[0]?.previous.config.logging?.level).toBe('info');
    expect(service.current().config.logging?.level).toBe('debug');
    expect(broadcasts.at(-1)).toContain('"config.changed"');
    expect(restarts).toEqual([]);

    const cold = service.apply(await load({ gateway: { auth: { mode: 'none' }, port: 19999 }, logging: { level: 'debug' } }), 'when-required', 250);
    expect(cold.restart).toEqual({ scheduled: true, delayMs: 250 });
    expect(restarts).toEqual([{ reason: 'config change', delayMs: 250 }]);
  });

  it('keeps the listener settings it listens with until a restart lets them go', async () => {
    const { service, load } = await fixture({ gateway: { auth: { mode: 'none' }, port: 18001 } });
    service.pinListener(service.settings());
    service.adopt(await load({ gateway: { auth: { mode: 'none' }, port: 18002 } }));
    expect(service.settings().port).toBe(18001);
    service.unpinListener();
    expect(service.settings().port).toBe(18002);
  });

  it('an unsubscribed listener hears nothing more', async () => {
    const { service, load } = await fixture({ gateway: { auth: { mode: 'none' } } });
    let heard = 0;
    const stop = service.subscribe(() => (heard += 1));
    service.adopt(await load({ gateway: { auth: { mode: 'none' } }, logging: { level: 'warn' } }));
    stop();
    service.adopt(await load({ gateway: { auth: { mode: 'none' } }, logging: { level: 'error' } }));
    expect(heard).toBe(1);
  });
});
