import { ProtocolSchemas } from '@openclaw/gateway-protocol/schema';
import { describe, expect, it } from 'vitest';
import * as agent from '../../../shared/protocol/agent/params.js';
import * as channels from '../../../shared/protocol/channels/params.js';
import * as chat from '../../../shared/protocol/chat/params.js';
import * as config from '../../../shared/protocol/config/params.js';
import * as cron from '../../../shared/protocol/cron/params.js';
import * as devices from '../../../shared/protocol/devices/params.js';
import * as execApprovals from '../../../shared/protocol/exec-approvals/params.js';
import * as health from '../../../shared/protocol/health/params.js';
import * as heartbeat from '../../../shared/protocol/heartbeat/params.js';
import * as logs from '../../../shared/protocol/logs/params.js';
import * as models from '../../../shared/protocol/models/params.js';
import * as nodes from '../../../shared/protocol/nodes/params.js';
import { PROTOCOL4_IGNORED_KEYS } from '../../../shared/protocol/protocol4-ignored-keys.js';
import * as sessions from '../../../shared/protocol/sessions/params.js';
import * as skills from '../../../shared/protocol/skills/params.js';
import * as system from '../../../shared/protocol/system/params.js';
import * as usage from '../../../shared/protocol/usage/params.js';
import type { CompiledParams } from '../../../shared/protocol/validate.js';

const modules = [agent, channels, chat, config, cron, devices, execApprovals, health, heartbeat, logs, models, nodes, sessions, skills, system, usage];
const allParams = modules.flatMap((module) =>
  Object.entries(module).filter((entry): entry is [string, CompiledParams<never>] => typeof (entry[1] as { known?: unknown }).known === 'function'),
);
const reference = ProtocolSchemas as unknown as Record<string, { properties?: Record<string, unknown> }>;

describe('closed params schemas', () => {
  it('covers every params schema the gateway defines', () => {
    expect(allParams.length).toBeGreaterThan(50);
  });

  it.each(allParams)('%s refuses an undefined key', (_name, params) => {
    expect(params.firstError({ injectedKey: 1 })).toContain("unexpected property 'injectedKey'");
  });

  it.each(allParams)('%s hands a handler only the keys it defines', (name, params) => {
    const ignored = (PROTOCOL4_IGNORED_KEYS as Record<string, readonly string[]>)[name] ?? [];
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}') as Record<string, unknown>;
    for (const key of ignored) hostile[key] = 'ignored';
    for (const key of params.keys) hostile[key] = `value of ${key}`;
    const known = params.known(hostile) as Record<string, unknown>;
    expect(Object.keys(known).sort()).toEqual([...params.keys].sort());
    expect(Object.getPrototypeOf(known)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores exactly the keys the protocol-4 reference defines and we do not', () => {
    const expected: Record<string, string[]> = {};
    for (const [name, params] of allParams) {
      const referenceKeys = Object.keys(reference[name]?.properties ?? {});
      const missing = referenceKeys.filter((key) => !params.keys.includes(key));
      if (missing.length > 0) expected[name] = missing;
    }
    const actual: Record<string, string[]> = {};
    for (const [name, keys] of Object.entries(PROTOCOL4_IGNORED_KEYS)) {
      const own = allParams.find(([candidate]) => candidate === name)?.[1].keys ?? [];
      const ignored = keys.filter((key) => !own.includes(key));
      if (ignored.length > 0) actual[name] = ignored;
    }
    expect(actual).toEqual(expected);
  });
});
