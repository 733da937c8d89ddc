import { ProtocolSchemas } from '@openclaw/gateway-protocol/schema';
import { describe, expect, it } from 'vitest';
import { LastHeartbeatParams, SetHeartbeatsParams, WakeParams } from '../../../shared/protocol/heartbeat/params.js';
import { HeartbeatEventPayloads } from '../../../shared/protocol/heartbeat/events.js';
import { HeartbeatResults } from '../../../shared/protocol/heartbeat/results.js';
import { compileSchema } from '../../../shared/protocol/validate.js';

// The same rules test/unit/protocol/closed-params.test.ts applies to the other families.
describe('heartbeat params, results and events', () => {
  it.each([
    ['WakeParams', WakeParams],
    ['SetHeartbeatsParams', SetHeartbeatsParams],
    ['LastHeartbeatParams', LastHeartbeatParams],
  ] as const)('%s is closed and hands a handler only its keys', (_name, params) => {
    expect(params.firstError({ injectedKey: 1 })).toContain("unexpected property 'injectedKey'");
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    for (const key of params.keys) hostile[key] = `value of ${key}`;
    expect(Object.keys(params.known(hostile)).sort()).toEqual([...params.keys].sort());
  });

  it('accepts every key of the protocol-4 WakeParams, so none needs ignoring', () => {
    const reference = (ProtocolSchemas as unknown as Record<string, { properties: Record<string, unknown> }>).WakeParams;
    expect(Object.keys(reference?.properties ?? {}).sort()).toEqual([...WakeParams.keys].sort());
    expect(WakeParams.check({ mode: 'next-heartbeat', text: 'hi', sessionKey: 'main', agentId: 'main' })).toBe(true);
  });

  it('describes the answers and the event', () => {
    const check = (schema: Parameters<typeof compileSchema>[0], value: unknown) => compileSchema(schema).check(value);
    expect(check(HeartbeatResults['set-heartbeats'], { ok: true, enabled: false })).toBe(true);
    expect(check(HeartbeatResults.wake, { ok: true })).toBe(true);
    expect(check(HeartbeatResults['last-heartbeat'], null)).toBe(true);
    expect(check(HeartbeatEventPayloads.heartbeat, { ts: 1, status: 'skipped', reason: 'quiet-hours' })).toBe(true);
    expect(check(HeartbeatEventPayloads.heartbeat, { ts: 1, status: 'late' })).toBe(false);
  });
});
