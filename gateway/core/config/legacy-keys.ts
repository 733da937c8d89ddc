import { cloneJson, ensureObjectAt, isPlainObject, type JsonObject } from './object-paths.js';
import type { ConfigIssue } from './types.js';

// config.md §1.6: legacy keys are mapped in memory with a warning. ⟂ OpenClaw rewrites
// the file during its startup migration; Gatehouse never rewrites on load.

export interface LegacyMappingResult {
  value: unknown;
  /** What was mapped, one entry per legacy key (reported as `legacyIssues` and warnings). */
  legacy: ConfigIssue[];
  /** Legacy forms that cannot be mapped. */
  issues: ConfigIssue[];
}

const BIND_ALIASES: Record<string, string> = {
  '0.0.0.0': 'lan', '::': 'lan', '[::]': 'lan', '*': 'lan',
  '127.0.0.1': 'loopback', localhost: 'loopback', '::1': 'loopback',
};

const RETIRED_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['channels', 'webchat'],
  ['gateway', 'webchat'],
  ['logging', 'redactSensitive'],
  ['cron', 'store'],
  ['gateway.controlUi', 'allowInsecureAuth'],
];

function objectAt(root: JsonObject, dotted: string): JsonObject | undefined {
  let current: unknown = root;
  for (const segment of dotted.split('.')) current = isPlainObject(current) ? current[segment] : undefined;
  return isPlainObject(current) ? current : undefined;
}

export function mapLegacyKeys(input: unknown): LegacyMappingResult {
  const result: LegacyMappingResult = { value: input, legacy: [], issues: [] };
  if (!isPlainObject(input)) return result;
  const root = cloneJson(input);
  result.value = root;
  const note = (path: string, message: string) => result.legacy.push({ path, message });

  for (const [parent, key] of RETIRED_KEYS) {
    const holder = objectAt(root, parent);
    if (holder && Object.hasOwn(holder, key)) {
      delete holder[key];
      note(`${parent}.${key}`, 'retired key; dropped (the file is not rewritten)');
    }
  }
  // §1.2 wants meta.* to load silently, so this retired key goes without a warning.
  const meta = objectAt(root, 'meta');
  if (meta) delete meta.lastTouchedAt;

  mapRootModelAndHeartbeat(root, note);
  mapGateway(root, note);
  mapAgentList(root, note, result.issues);
  mapExecTimeouts(root, note);
  mapSessionResetByType(root, note);
  mapLogging(root, note);
  rejectRemovedModelApis(root, result.issues);
  materializeMainAgent(root);
  return result;
}

type Note = (path: string, message: string) => void;

function mapRootModelAndHeartbeat(root: JsonObject, note: Note): void {
  for (const [legacy, target] of [['defaultModel', 'model'], ['heartbeat', 'heartbeat']] as const) {
    if (!Object.hasOwn(root, legacy)) continue;
    const defaults = ensureObjectAt(root, ['agents', 'defaults']);
    if (defaults[target] === undefined) defaults[target] = root[legacy];
    delete root[legacy];
    note(legacy, `legacy key; read as agents.defaults.${target}`);
  }
}

function mapGateway(root: JsonObject, note: Note): void {
  const gateway = objectAt(root, 'gateway');
  if (!gateway) return;
  if (typeof gateway.bind === 'string' && BIND_ALIASES[gateway.bind]) {
    const mapped = BIND_ALIASES[gateway.bind];
    note('gateway.bind', `legacy value ${JSON.stringify(gateway.bind)}; read as "${mapped}"`);
    gateway.bind = mapped;
  }
  const reload = objectAt(root, 'gateway.reload');
  if (!reload) return;
  if (reload.mode === 'hot' || reload.mode === 'restart') {
    note('gateway.reload.mode', `legacy value "${reload.mode}"; read as "hybrid"`);
    reload.mode = 'hybrid';
  }
  for (const key of ['debounceMs', 'deferralTimeoutMs']) {
    if (Object.hasOwn(reload, key)) {
      delete reload[key];
      note(`gateway.reload.${key}`, 'legacy key; dropped');
    }
  }
}

function mapAgentList(root: JsonObject, note: Note, issues: ConfigIssue[]): void {
  const agents = objectAt(root, 'agents');
  if (!agents || !Object.hasOwn(agents, 'list')) return;
  const list = agents.list;
  delete agents.list;
  if (agents.entries !== undefined) {
    issues.push({ path: 'agents.list', message: 'agents.list (legacy) and agents.entries are both set; move the agents.list items into agents.entries' });
    return;
  }
  if (!Array.isArray(list)) {
    issues.push({ path: 'agents.list', message: 'must be a list of agents ({id, …}); better, use agents.entries.<id>' });
    return;
  }
  const entries: JsonObject = {};
  list.forEach((item, index) => {
    const id = isPlainObject(item) ? item.id : undefined;
    if (typeof id !== 'string' || id === '') {
      issues.push({ path: `agents.list.${index}.id`, message: 'is required (a non-empty agent id)' });
      return;
    }
    if (Object.hasOwn(entries, id)) {
      issues.push({ path: `agents.list.${index}.id`, message: `duplicate agent id "${id}"` });
      return;
    }
    const { id: _id, ...entry } = item as JsonObject;
    entries[id] = entry;
  });
  agents.entries = entries;
  note('agents.list', 'legacy form (pre-2026.8); read as agents.entries (the file is not rewritten)');

  // OpenClaw's migration of a fleet without a default marker: explicit ownership, first agent owns.
  const ids = Object.keys(entries);
  const hasDefault = ids.some((id) => isPlainObject(entries[id]) && (entries[id] as JsonObject).default === true);
  if (ids.length > 1 && !hasDefault) {
    agents.ownership ??= 'explicit';
    const systemAgent = ensureObjectAt(agents, ['defaults', 'systemAgent']);
    systemAgent.agentId ??= ids[0];
  }
}

function mapExecTimeoutIn(exec: JsonObject | undefined, path: string, note: Note): void {
  if (!exec || !Object.hasOwn(exec, 'timeoutSec')) return;
  if (exec.timeoutSeconds === undefined) exec.timeoutSeconds = exec.timeoutSec;
  delete exec.timeoutSec;
  note(`${path}.timeoutSec`, `legacy key; read as ${path}.timeoutSeconds`);
}

function mapExecTimeouts(root: JsonObject, note: Note): void {
  mapExecTimeoutIn(objectAt(root, 'tools.exec'), 'tools.exec', note);
  const entries = objectAt(root, 'agents.entries');
  for (const [id, entry] of Object.entries(entries ?? {})) {
    if (isPlainObject(entry)) mapExecTimeoutIn(objectAt(entry, 'tools.exec'), `agents.entries.${id}.tools.exec`, note);
  }
}

function mapSessionResetByType(root: JsonObject, note: Note): void {
  const byType = objectAt(root, 'session.resetByType');
  if (!byType || !Object.hasOwn(byType, 'dm')) return;
  if (byType.direct === undefined) byType.direct = byType.dm;
  delete byType.dm;
  note('session.resetByType.dm', 'legacy key; read as session.resetByType.direct');
}

function mapLogging(root: JsonObject, note: Note): void {
  const logging = objectAt(root, 'logging');
  if (logging?.consoleStyle === 'compact') {
    logging.consoleStyle = 'pretty';
    note('logging.consoleStyle', 'retired value "compact"; read as "pretty"');
  }
}

/** Reported here with its replacement; the value is then removed so the schema does not report it twice. */
function rejectRemovedModelApis(root: JsonObject, issues: ConfigIssue[]): void {
  const message = '"openai-codex-responses" was removed; use "openai-chatgpt-responses"';
  const reject = (holder: JsonObject, path: string) => {
    if (holder.api !== 'openai-codex-responses') return;
    issues.push({ path, message });
    delete holder.api;
  };
  for (const [id, provider] of Object.entries(objectAt(root, 'models.providers') ?? {})) {
    if (!isPlainObject(provider)) continue;
    reject(provider, `models.providers.${id}.api`);
    if (!Array.isArray(provider.models)) continue;
    provider.models.forEach((model, index) => {
      if (isPlainObject(model)) reject(model, `models.providers.${id}.models.${index}.api`);
    });
  }
}

/** An `agents` block needs ≥1 agent; like OpenClaw, an absent roster becomes `{main: {}}` (§4.2). */
function materializeMainAgent(root: JsonObject): void {
  const agents = objectAt(root, 'agents');
  if (agents && agents.entries === undefined) agents.entries = { main: {} };
}
