import { ProtocolSchemas } from '@openclaw/gateway-protocol/schema';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { ConfigEventPayloads, type ConfigChangedEvent } from '../../../shared/protocol/config/events.js';
import {
  ConfigResults,
  type ConfigApplyResult,
  type ConfigGetResult,
  type ConfigPatchResult,
  type ConfigSchemaResult,
  type ConfigSetResult,
} from '../../../shared/protocol/config/results.js';
import { HealthEventPayloads, type PresenceEvent, type ShutdownEvent, type TickEvent } from '../../../shared/protocol/health/events.js';
import {
  HealthResults,
  type HealthSnapshot,
  type LastHeartbeatResult,
  type PresenceEntry,
  type StatusResult,
  type SystemPresenceResult,
} from '../../../shared/protocol/health/results.js';
import { LogsResults, type LogsTailResult } from '../../../shared/protocol/logs/results.js';
import { ModelsResults, type ModelsListResult } from '../../../shared/protocol/models/results.js';
import { SkillsResults, type SkillsBinsResult } from '../../../shared/protocol/skills/results.js';
import { SystemResults, type SystemEventResult } from '../../../shared/protocol/system/results.js';
import { UsageResults, type UsageCostResult, type UsageStatusResult } from '../../../shared/protocol/usage/results.js';

// Each sample is built the way the gateway builds that payload today (the handler or service named
// beside it); `satisfies` checks the inferred types accept it too.

const reference = ProtocolSchemas as unknown as Record<string, TSchema & { properties: Record<string, TSchema> }>;
/** The reference has no HealthSnapshot of its own; hello-ok's snapshot embeds it. */
const referenceHealth = reference.Snapshot!.properties.health!;

function check(schema: TSchema, value: unknown): boolean {
  return Compile(schema).Check(value);
}

/** A deep copy of `value` without the property at dot path `path` (array items by index). */
function without(value: unknown, path: string): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop()!;
  let parent: Record<string, unknown> = copy;
  for (const key of keys) parent = parent[key] as Record<string, unknown>;
  delete parent[last];
  return copy;
}

const now = 1_767_225_600_000;
const day = '2026-01-01';
const storeFile = '/home/ada/.gatehouse/gatehouse.sqlite';

// gateway/runtime/health-sources.ts + events/health-monitor.ts refresh()
const sessionsHealth = {
  path: storeFile,
  count: 2,
  recent: [
    { key: 'agent:main:main', updatedAt: now - 4_000, age: 4_000 },
    { key: 'agent:main:telegram:dm:42', updatedAt: now - 90_000, age: 90_000 },
  ],
};
const healthSnapshot = {
  ok: true,
  ts: now,
  durationMs: 1,
  channels: {},
  channelOrder: [],
  channelLabels: {},
  heartbeatSeconds: 0,
  defaultAgentId: 'main',
  agents: [
    {
      agentId: 'main',
      name: 'Main',
      isDefault: true,
      heartbeat: {
        enabled: false,
        every: '30m',
        everyMs: null,
        prompt: 'Read HEARTBEAT.md if it exists and follow it; reply HEARTBEAT_OK if nothing needs attention.',
        target: 'owner',
        ackMaxChars: 300,
      },
      sessions: sessionsHealth,
    },
  ],
  sessions: sessionsHealth,
} satisfies HealthSnapshot;

// What channels and heartbeats will fill in (OpenClaw's health summary shape).
const healthWithChannels = {
  ...healthSnapshot,
  channels: {
    telegram: {
      accountId: 'default',
      configured: true,
      linked: true,
      authAgeMs: null,
      probe: { ok: true, elapsedMs: 120, bot: { username: 'ada_bot' } },
      lastProbeAt: now,
      accounts: { default: { accountId: 'default', configured: true, probe: { ok: true } } },
    },
  },
  channelOrder: ['telegram'],
  channelLabels: { telegram: 'Telegram' },
  heartbeatSeconds: 1800,
  agents: [{ ...healthSnapshot.agents[0]!, heartbeat: { ...healthSnapshot.agents[0]!.heartbeat, enabled: true, everyMs: 1_800_000, model: 'anthropic/claude-haiku-4-5' } }],
} satisfies HealthSnapshot;

// gateway/methods/health.ts `status`, asked by an operator.admin caller.
const status = {
  ok: true,
  version: '0.1.0',
  bootId: 'c0ffee00-0000-4000-8000-000000000001',
  host: 'ada-laptop',
  startedAtMs: now - 60_000,
  uptimeMs: 60_000,
  authMode: 'token',
  defaultAgentId: 'main',
  agents: [{ agentId: 'main', name: 'Main', isDefault: true }, { agentId: 'ops', isDefault: false }],
  heartbeat: { enabled: false, agents: [] },
  channelSummary: [],
  queuedSystemEvents: 0,
  connections: { operators: 1, nodes: 0 },
  stateDir: '/home/ada/.gatehouse',
  configPath: '/home/ada/.gatehouse/gatehouse.json5',
  logFile: '/home/ada/.gatehouse/logs/gateway.log',
  storeFile,
} satisfies StatusResult;
const statusForReader = without(status, 'stateDir') as StatusResult;
delete statusForReader.configPath;
delete statusForReader.logFile;
delete statusForReader.storeFile;
const statusWithHeartbeats = {
  ...status,
  defaultAgentId: null,
  heartbeat: { enabled: true, agents: [{ agentId: 'main', enabled: true, every: '30m', everyMs: 1_800_000 }] },
  channelSummary: ['Telegram: configured'],
} satisfies StatusResult;

// gateway/events/presence-registry.ts list(): the self row, a connected operator, a system-event report.
const presence = [
  { host: 'ada-laptop', version: '0.1.0', platform: 'linux', text: 'Gateway: ada-laptop · gatehouse 0.1.0 · mode gateway · reason self', mode: 'gateway', reason: 'self', ts: now },
  {
    ts: now - 1_000,
    host: 'Gatehouse tray',
    version: '0.1.0',
    platform: 'darwin',
    mode: 'ui',
    deviceFamily: 'Mac',
    timeZone: 'Europe/Berlin',
    deviceId: 'a'.repeat(64),
    instanceId: 'tray-1',
    reason: 'connect',
    roles: ['operator'],
    scopes: ['operator.admin', 'operator.read'],
  },
  { ts: now - 30_000, text: 'idle', host: 'phone', ip: '192.168.1.20', mode: 'node', reason: 'periodic', lastInputSeconds: 42, tags: ['mobile'], deviceId: 'b'.repeat(64) },
] satisfies SystemPresenceResult;

const lastHeartbeat = { ts: now, status: 'ok-token', durationMs: 1_200, preview: 'HEARTBEAT_OK', reason: 'interval' } satisfies LastHeartbeatResult;

// gateway/logging/log-tail.ts tailLogFile()
const logsTail = {
  file: '/home/ada/.gatehouse/logs/gateway.log',
  cursor: 4_096,
  size: 4_096,
  lines: ['{"level":30,"time":1767225600000,"msg":"gateway listening"}', '{"level":30,"time":1767225601000,"msg":"client connected"}'],
  truncated: true,
} satisfies LogsTailResult;
const logsTailNoFile = { file: '/home/ada/.gatehouse/logs/gateway.log', cursor: 0, size: 0, lines: [] } satisfies LogsTailResult;

// gateway/methods/system.ts `system-event`
const systemEvent = { ok: true, eventId: 7 } satisfies SystemEventResult;

// gateway/config/config-get.ts configGetPayload()
const redacted = { gateway: { mode: 'local', port: 18789, auth: { mode: 'token', token: '__OPENCLAW_REDACTED__' } } };
const configGet = {
  path: '/home/ada/.gatehouse/gatehouse.json5',
  exists: true,
  raw: '{ gateway: { mode: "local", port: 18789, auth: { mode: "token", token: "__OPENCLAW_REDACTED__" } } }\n',
  parsed: redacted,
  sourceConfig: redacted,
  resolved: redacted,
  config: { ...redacted, agents: { defaults: {} } },
  runtimeConfig: { ...redacted, agents: { defaults: {} } },
  valid: true,
  issues: [],
  warnings: ['ignored (not supported by Gatehouse): ui.seamColor'],
  legacyIssues: [],
  hash: 'hmac-sha256:v1:3q2-7w',
  configRevisionHash: 'hmac-sha256:v1:4r3-8x',
  appliedConfigHash: 'hmac-sha256:v1:4r3-8x',
  includedPaths: [],
  includeProvenance: [],
  agentRosterIncludeOwned: false,
  bindingsIncludeOwned: false,
} satisfies ConfigGetResult;
const configGetInvalid = {
  ...configGet,
  raw: null,
  parsed: null,
  config: {},
  runtimeConfig: {},
  valid: false,
  issues: [{ path: 'gateway.bind', message: 'must be one of the allowed values', allowedValues: ['loopback', 'lan', 'tailnet', 'custom', 'auto'] }],
  warnings: [],
} satisfies ConfigGetResult;
const configGetNoFile = { ...configGet, exists: false, raw: null, parsed: {}, hash: null, warnings: [] } satisfies ConfigGetResult;

// gateway/methods/config.ts afterWrite(), and the no-op patch answer.
const written = { ok: true as const, path: configGet.path, hash: 'hmac-sha256:v1:5s4-9y', config: configGet.config, changedPaths: ['gateway.port'] };
const configSet = { ...written, restart: { scheduled: false, required: true } } satisfies ConfigSetResult;
const configApply = { ...written, restart: { scheduled: true, delayMs: 500, reason: 'config change' } } satisfies ConfigApplyResult;
const configPatch = { ...written, changedPaths: ['agents.defaults.model'], restart: { scheduled: false, required: false } } satisfies ConfigPatchResult;
const configPatchNoop = { ok: true, noop: true, changedPaths: [], path: configGet.path, config: configGet.config } satisfies ConfigPatchResult;

// gateway/config/config-schema-payload.ts configSchemaPayload()
const configSchema = {
  schema: { type: 'object', properties: { gateway: { type: 'object', properties: { port: { type: 'integer', description: 'WS + HTTP port.' } } } } },
  uiHints: {
    gateway: { label: 'Gateway' },
    'gateway.port': { label: 'Port', help: 'WS + HTTP port.' },
    'gateway.auth.token': { label: 'Token', sensitive: true },
    'models.providers.*.models[].name': { label: 'Name' },
  },
  version: '2026.9.6',
  generatedAt: new Date(now).toISOString(),
} satisfies ConfigSchemaResult;

// gateway/methods/models.ts `models.list`: a configured model, an agent's built-in one, a discovered one.
const modelsList = {
  models: [
    { id: 'qwen2.5-coder', name: 'Qwen 2.5 Coder', provider: 'local', contextWindow: 32_768, reasoning: false, input: ['text'] },
    { id: 'claude-sonnet-4-5', name: 'claude-sonnet-4-5', provider: 'anthropic', contextWindow: 200_000, reasoning: false, input: ['text', 'image'] },
    { id: 'llama3.2', name: 'llama3.2', provider: 'ollama' },
  ],
  providerOutcomes: [{ provider: 'ollama', status: 'ready' }],
} satisfies ModelsListResult;
const price = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };
const modelsListWithPrice = { models: [{ ...modelsList.models[0]!, cost: price }] } satisfies ModelsListResult;

// gateway/methods/usage.ts `usage.status`
const tokens = { inputTokens: 1_200, outputTokens: 300, cacheReadTokens: 800, cacheWriteTokens: 0, totalTokens: 1_500 };
const noTokens = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 0 };
const usageStatus = {
  ts: now,
  providers: [
    { provider: 'anthropic', configured: true, models: [{ model: 'claude-sonnet-4-5', configured: true, ...tokens }] },
    { provider: 'ollama', configured: false, models: [{ model: 'llama3.2', configured: false, ...noTokens }] },
  ],
  today: { date: day, ...tokens },
  totals: tokens,
} satisfies UsageStatusResult;

// gateway/usage/cost-report.ts costReport(): one priced model, one without a price.
const usageCost = {
  startDate: '2025-12-31',
  endDate: day,
  currency: 'USD',
  totals: { ...tokens, totalTokens: 1_800, outputTokens: 600, costUsd: null },
  days: [
    { date: '2025-12-31', ...noTokens, costUsd: 0 },
    { date: day, ...tokens, totalTokens: 1_800, outputTokens: 600, costUsd: null },
  ],
  byModel: [
    { provider: 'anthropic', model: 'claude-sonnet-4-5', ...tokens, costUsd: 0.00339, priced: true },
    { provider: 'ollama', model: 'llama3.2', ...noTokens, outputTokens: 300, totalTokens: 300, costUsd: null, priced: false },
  ],
  bySession: [{ sessionKey: 'agent:main:main', ...tokens, totalTokens: 1_800, outputTokens: 600, costUsd: null }],
  unpricedModels: ['ollama/llama3.2'],
} satisfies UsageCostResult;

// gateway/methods/skills.ts
const skillsBins = { bins: [] } satisfies SkillsBinsResult;

// gateway/server/gateway-server.ts and runtime/gateway-runtime.ts broadcasts
const tick = { ts: now } satisfies TickEvent;
const shutdownRestart = { reason: 'config change', restartExpectedMs: 500 } satisfies ShutdownEvent;
const shutdownStop = { reason: 'gateway stopping (SIGTERM)' } satisfies ShutdownEvent;
const presenceEvent = { presence } satisfies PresenceEvent;
const configChanged = { path: configGet.path, hash: 'hmac-sha256:v1:5s4-9y', changedPaths: ['gateway.port'] } satisfies ConfigChangedEvent;

interface Case {
  name: string;
  schema: TSchema;
  sample: unknown;
  /** The reference (OpenClaw) schema of the same payload, where it has one. */
  reference?: TSchema;
  /** Dot paths whose absence must fail the schema. */
  required: string[];
}

const cases: Case[] = [
  {
    name: 'health',
    schema: HealthResults.health,
    sample: healthSnapshot,
    reference: referenceHealth,
    required: ['ok', 'ts', 'durationMs', 'channels', 'channelOrder', 'channelLabels', 'heartbeatSeconds', 'agents', 'sessions', 'agents.0.agentId', 'agents.0.heartbeat.everyMs', 'agents.0.sessions', 'sessions.recent.0.updatedAt'],
  },
  { name: 'health (channels, heartbeats)', schema: HealthResults.health, sample: healthWithChannels, reference: referenceHealth, required: ['channels', 'agents.0.heartbeat.ackMaxChars'] },
  { name: 'status (admin)', schema: HealthResults.status, sample: status, required: ['version', 'heartbeat', 'channelSummary', 'queuedSystemEvents', 'heartbeat.agents'] },
  { name: 'status (read)', schema: HealthResults.status, sample: statusForReader, required: ['version'] },
  { name: 'status (heartbeats, channels)', schema: HealthResults.status, sample: statusWithHeartbeats, required: ['heartbeat.agents.0.agentId', 'heartbeat.agents.0.everyMs'] },
  { name: 'system-presence', schema: HealthResults['system-presence'], sample: presence, required: ['0.ts', '1.ts', '2.ts'] },
  { name: 'last-heartbeat (a run)', schema: HealthResults['last-heartbeat'], sample: lastHeartbeat, required: ['ts', 'status'] },
  { name: 'last-heartbeat (none yet)', schema: HealthResults['last-heartbeat'], sample: null, required: [] },
  { name: 'logs.tail', schema: LogsResults['logs.tail'], sample: logsTail, reference: reference.LogsTailResult, required: ['file', 'cursor', 'size', 'lines'] },
  { name: 'logs.tail (no file yet)', schema: LogsResults['logs.tail'], sample: logsTailNoFile, reference: reference.LogsTailResult, required: ['lines'] },
  { name: 'system-event', schema: SystemResults['system-event'], sample: systemEvent, required: ['ok'] },
  { name: 'config.get', schema: ConfigResults['config.get'], sample: configGet, required: ['path', 'exists', 'raw', 'config', 'hash', 'valid', 'issues', 'warnings'] },
  { name: 'config.get (invalid file)', schema: ConfigResults['config.get'], sample: configGetInvalid, required: ['raw', 'issues.0.path', 'issues.0.message'] },
  { name: 'config.get (no file)', schema: ConfigResults['config.get'], sample: configGetNoFile, required: ['hash'] },
  { name: 'config.set', schema: ConfigResults['config.set'], sample: configSet, required: ['ok', 'path', 'config'] },
  { name: 'config.apply', schema: ConfigResults['config.apply'], sample: configApply, required: ['ok', 'path', 'config', 'restart'] },
  { name: 'config.patch', schema: ConfigResults['config.patch'], sample: configPatch, required: ['ok', 'path', 'config', 'restart'] },
  { name: 'config.patch (no-op)', schema: ConfigResults['config.patch'], sample: configPatchNoop, required: ['noop', 'path', 'config', 'changedPaths'] },
  { name: 'config.schema', schema: ConfigResults['config.schema'], sample: configSchema, reference: reference.ConfigSchemaResponse, required: ['schema', 'uiHints', 'version', 'generatedAt'] },
  { name: 'models.list', schema: ModelsResults['models.list'], sample: modelsList, reference: reference.ModelsListResult, required: ['models', 'models.0.id', 'models.1.name', 'models.2.provider', 'providerOutcomes.0.status'] },
  { name: 'models.list (priced)', schema: ModelsResults['models.list'], sample: modelsListWithPrice, required: ['models.0.cost.output'] },
  { name: 'usage.status', schema: UsageResults['usage.status'], sample: usageStatus, required: ['ts', 'providers', 'today', 'totals', 'providers.0.models', 'today.date', 'totals.totalTokens'] },
  { name: 'usage.cost', schema: UsageResults['usage.cost'], sample: usageCost, required: ['startDate', 'endDate', 'currency', 'totals', 'days', 'byModel', 'bySession', 'unpricedModels', 'totals.costUsd', 'byModel.0.priced'] },
  { name: 'skills.bins', schema: SkillsResults['skills.bins'], sample: skillsBins, reference: reference.SkillsBinsResult, required: ['bins'] },
  { name: 'event tick', schema: HealthEventPayloads.tick, sample: tick, reference: reference.TickEvent, required: ['ts'] },
  { name: 'event shutdown (restart)', schema: HealthEventPayloads.shutdown, sample: shutdownRestart, reference: reference.ShutdownEvent, required: ['reason'] },
  { name: 'event shutdown (stop)', schema: HealthEventPayloads.shutdown, sample: shutdownStop, reference: reference.ShutdownEvent, required: ['reason'] },
  { name: 'event health', schema: HealthEventPayloads.health, sample: healthSnapshot, reference: referenceHealth, required: ['ts', 'agents'] },
  { name: 'event presence', schema: HealthEventPayloads.presence, sample: presenceEvent, required: ['presence', 'presence.1.ts'] },
  { name: 'event config.changed', schema: ConfigEventPayloads['config.changed'], sample: configChanged, required: ['path', 'hash', 'changedPaths'] },
];

describe('result and event schemas of the health, logs, system, config, models, usage and skills families', () => {
  it.each(cases)('$name: accepts what the gateway sends', ({ schema, sample }) => {
    expect(check(schema, sample)).toBe(true);
  });

  it.each(cases.filter((entry) => entry.reference))('$name: the reference schema accepts the same payload', ({ reference: schema, sample }) => {
    expect(check(schema!, sample)).toBe(true);
  });

  it.each(cases.flatMap(({ name, schema, sample, required }) => required.map((path) => ({ name, schema, sample, path }))))(
    '$name: refuses a payload without $path',
    ({ schema, sample, path }) => {
      expect(check(schema, without(sample, path))).toBe(false);
    },
  );

  it('accepts every presence entry the gateway lists the way the reference PresenceEntry does', () => {
    for (const entry of presence) expect(check(reference.PresenceEntry!, entry)).toBe(true);
  });

  it('stays open: fields a newer or other gateway adds pass', () => {
    expect(check(HealthResults.health, { ...healthSnapshot, eventLoop: { degraded: false } })).toBe(true);
    expect(check(HealthResults.status, { ...status, runtimeVersion: '2026.9.6' })).toBe(true);
    expect(check(HealthResults['system-presence'], [{ ...presence[0], onlineSince: now }])).toBe(true);
    expect(check(LogsResults['logs.tail'], { ...logsTail, skippedBytes: 12 })).toBe(true);
    expect(check(ConfigResults['config.apply'], { ...configApply, restart: { ok: true, pid: 4242, signal: 'SIGUSR1', delayMs: 2_000, reason: 'config.apply' }, sentinel: { path: '/tmp/restart-sentinel.json', payload: { kind: 'config-apply' } } })).toBe(true);
    expect(check(HealthEventPayloads.tick, { ts: now, extra: 1 })).toBe(true);
  });

  it('reads the spec types for what other gateways send in place of ours', () => {
    // OpenClaw's status lists the queued texts and names the default agent; its warnings are issues.
    expect(check(HealthResults.status, { ...statusWithHeartbeats, queuedSystemEvents: ['Node connected'], heartbeat: { defaultAgentId: 'main', agents: [] } })).toBe(true);
    expect(check(ConfigResults['config.get'], { ...configGet, warnings: [{ path: 'channels.telegram', message: 'unknown config key ignored' }] })).toBe(true);
  });

  it('refuses values outside the spec', () => {
    expect(check(HealthResults['last-heartbeat'], { ts: now, status: 'done' })).toBe(false);
    expect(check(HealthResults.health, { ...healthSnapshot, ok: false })).toBe(false);
    expect(check(SystemResults['system-event'], { ok: false })).toBe(false);
    expect(check(ConfigResults['config.patch'], { ...configPatchNoop, changedPaths: ['gateway.port'] })).toBe(false);
    expect(check(UsageResults['usage.cost'], { ...usageCost, startDate: '31.12.2025' })).toBe(false);
    expect(check(HealthEventPayloads.shutdown, { reason: '' })).toBe(false);
  });

  it('records where the gateway sends more than the reference ModelChoice allows', () => {
    // The configured price, and a context window the config may give as a fraction.
    expect(check(reference.ModelsListResult!, modelsListWithPrice)).toBe(false);
    const fractional = { models: [{ ...modelsList.models[0]!, contextWindow: 32_768.5 }] };
    expect(check(ModelsResults['models.list'], fractional)).toBe(true);
    expect(check(reference.ModelsListResult!, fractional)).toBe(false);
  });

  it('maps exactly the methods and events of these families', () => {
    expect(Object.keys(HealthResults).sort()).toEqual(['health', 'last-heartbeat', 'status', 'system-presence']);
    expect(Object.keys(LogsResults)).toEqual(['logs.tail']);
    expect(Object.keys(SystemResults)).toEqual(['system-event']);
    expect(Object.keys(ConfigResults).sort()).toEqual(['config.apply', 'config.get', 'config.patch', 'config.schema', 'config.set']);
    expect(Object.keys(ModelsResults)).toEqual(['models.list']);
    expect(Object.keys(UsageResults).sort()).toEqual(['usage.cost', 'usage.status']);
    expect(Object.keys(SkillsResults).sort()).toEqual(['skills.bins', 'skills.install', 'skills.status', 'skills.update']);
    expect(Object.keys(HealthEventPayloads).sort()).toEqual(['health', 'presence', 'shutdown', 'tick']);
    expect(Object.keys(ConfigEventPayloads)).toEqual(['config.changed']);
  });

  it('types a presence entry the same for the result and the event', () => {
    const entry: PresenceEntry = presence[1]!;
    expect(HealthEventPayloads.presence.properties.presence.items).toBe(HealthResults['system-presence'].items);
    expect(entry.roles).toEqual(['operator']);
  });
});
