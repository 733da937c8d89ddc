import type { AgentRoster, GatehouseConfig, LoadedConfig } from '../../core/config/index.js';

/** OpenClaw's prompt, sent verbatim (research note §2, src/auto-reply/heartbeat.ts). */
export const DEFAULT_HEARTBEAT_PROMPT =
  'Read HEARTBEAT.md if it exists (workspace context). Follow it strictly. Do not infer or repeat old tasks from prior chats. If nothing needs attention, reply HEARTBEAT_OK.';
export const DEFAULT_HEARTBEAT_EVERY = '30m';
/** A faster cadence would be a hot loop of model calls; config may say "500ms", we wait a second. */
export const MIN_HEARTBEAT_EVERY_MS = 1_000;
/** config.md §4.4: the turn's budget defaults to the cadence, capped at ten minutes. */
const MAX_DEFAULT_TIMEOUT_MS = 600_000;

export interface ActiveHours {
  readonly start?: string;
  readonly end?: string;
  readonly timezone?: string;
}

/** One agent's heartbeat as configured (config.md §4.4), defaults applied. */
export interface AgentHeartbeatSettings {
  readonly agentId: string;
  readonly workspace: string;
  /** Chosen to heartbeat by the roster rule, with a cadence that parses (a wake may run it). */
  readonly heartbeats: boolean;
  /** Heartbeats on a timer: chosen, with a cadence above zero ("0m" stops the recurring tick). */
  readonly scheduled: boolean;
  readonly every: string;
  /** null when `every` does not parse; 0 for "0m" (no recurring tick). */
  readonly everyMs: number | null;
  readonly activeHours?: ActiveHours;
  readonly prompt: string;
  /** Where alerts go: "last" (the chat the agent last heard from), "none", or a channel id with `to`. */
  readonly target: string;
  readonly to?: string;
  readonly accountId?: string;
  readonly model?: string;
  /** The canonical key of the session heartbeat turns run in (the agent's main session). */
  readonly sessionKey: string;
  readonly timeoutMs: number;
}

/** `30m`, `1h`, `90s`, `500ms`; a bare number is minutes (config.md §4.4). null if it does not parse. */
export function parseHeartbeatEvery(every: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(every.trim());
  if (!match) return null;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[(match[2] ?? 'm') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(match[1]) * unit);
}

type HeartbeatConfig = NonNullable<NonNullable<NonNullable<GatehouseConfig['agents']>['defaults']>['heartbeat']>;

/**
 * `agents.defaults.timeoutSeconds` as the user wrote it. The effective config always holds the
 * 48 h agent default there, which must not become a heartbeat turn's budget (config.md §4.4: the
 * fallback applies only "if set"); an invalid file runs on defaults, so it sets nothing.
 */
export function userDefaultTimeoutSeconds(loaded: Pick<LoadedConfig, 'resolved' | 'valid'>): number | undefined {
  if (!loaded.valid) return undefined;
  const value = (loaded.resolved as { agents?: { defaults?: { timeoutSeconds?: unknown } } } | null)?.agents?.defaults?.timeoutSeconds;
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/** Every agent's heartbeat settings from the loaded config (the feature's way in). */
export function heartbeatSettingsOf(loaded: Pick<LoadedConfig, 'config' | 'resolved' | 'valid'>, roster: AgentRoster): AgentHeartbeatSettings[] {
  const defaultTimeoutSeconds = userDefaultTimeoutSeconds(loaded);
  return resolveHeartbeatSettings(loaded.config, roster, defaultTimeoutSeconds !== undefined ? { defaultTimeoutSeconds } : {});
}

/**
 * Every agent's heartbeat settings. config.md §4.2: if any agent entry has a `heartbeat`, only those
 * agents heartbeat; otherwise the default agent does (OpenClaw's rule), with the defaults' block.
 * `defaultTimeoutSeconds` is the user's own `agents.defaults.timeoutSeconds` (userDefaultTimeoutSeconds).
 */
export function resolveHeartbeatSettings(config: GatehouseConfig, roster: AgentRoster, options: { defaultTimeoutSeconds?: number } = {}): AgentHeartbeatSettings[] {
  const defaults: HeartbeatConfig = config.agents?.defaults?.heartbeat ?? {};
  const entries = config.agents?.entries ?? {};
  const own = new Map<string, HeartbeatConfig>();
  for (const [id, entry] of Object.entries(entries)) {
    if (entry.heartbeat !== undefined) own.set(id.toLowerCase(), entry.heartbeat);
  }
  const fallbackTimeoutSeconds = options.defaultTimeoutSeconds;
  return roster.agents.map((agent) => {
    const merged: HeartbeatConfig = { ...defaults, ...own.get(agent.id) };
    const every = merged.every ?? DEFAULT_HEARTBEAT_EVERY;
    const parsed = parseHeartbeatEvery(every);
    const everyMs = parsed === null || parsed === 0 ? parsed : Math.max(parsed, MIN_HEARTBEAT_EVERY_MS);
    const selected = own.size > 0 ? own.has(agent.id) : agent.isDefault;
    const cadenceTimeout = Math.min(everyMs || MAX_DEFAULT_TIMEOUT_MS, MAX_DEFAULT_TIMEOUT_MS);
    const timeoutMs = merged.timeoutSeconds !== undefined
      ? merged.timeoutSeconds * 1_000
      : fallbackTimeoutSeconds ? fallbackTimeoutSeconds * 1_000 : cadenceTimeout;
    return {
      agentId: agent.id,
      workspace: agent.workspace,
      heartbeats: selected && everyMs !== null,
      scheduled: selected && everyMs !== null && everyMs > 0,
      every,
      everyMs,
      ...(merged.activeHours ? { activeHours: merged.activeHours } : {}),
      prompt: merged.prompt ?? DEFAULT_HEARTBEAT_PROMPT,
      // OpenClaw v3's default (research note §2); without a configured channel an alert stays in
      // the main session and the `heartbeat` event. "owner" is read as "last" (no owner routing yet).
      target: merged.target === 'owner' || merged.target === undefined ? 'last' : merged.target,
      ...(merged.to ? { to: merged.to } : {}),
      ...(merged.accountId ? { accountId: merged.accountId } : {}),
      ...(merged.model ? { model: merged.model } : {}),
      sessionKey: `agent:${agent.id}:${merged.session ?? 'main'}`,
      timeoutMs,
    };
  });
}
