import { describe, expect, it } from 'vitest';
import { resolveAgentRoster, type GatehouseConfig } from '../../../gateway/core/config/index.js';
import { minuteOfDay, withinActiveHours } from '../../../gateway/features/heartbeat/active-hours.js';
import { heartbeatFileHasTasks } from '../../../gateway/features/heartbeat/heartbeat-file.js';
import { DEFAULT_HEARTBEAT_PROMPT, heartbeatSettingsOf, parseHeartbeatEvery, resolveHeartbeatSettings } from '../../../gateway/features/heartbeat/heartbeat-settings.js';
import { evaluateConfig } from '../../../gateway/core/config/evaluate-config.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const at = (iso: string) => Date.parse(iso);

describe('heartbeat cadence', () => {
  it.each([
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['90s', 90_000],
    ['500ms', 500],
    ['15', 900_000],
    ['1.5h', 5_400_000],
    ['0m', 0],
    ['soon', null],
  ])('parses %j', (every, expected) => {
    expect(parseHeartbeatEvery(every)).toBe(expected);
  });

  it('defaults to 30 minutes for the default agent only, with OpenClaw prompt', () => {
    const config: GatehouseConfig = {};
    const [main] = resolveHeartbeatSettings(config, resolveAgentRoster(config, '/state', {}));
    expect(main).toMatchObject({ agentId: 'main', every: '30m', everyMs: 1_800_000, scheduled: true, prompt: DEFAULT_HEARTBEAT_PROMPT, sessionKey: 'agent:main:main', timeoutMs: 600_000 });
  });

  it('runs only the agents whose entry has a heartbeat once any has one, with defaults merged', () => {
    const config = {
      agents: {
        defaults: { heartbeat: { every: '1h', prompt: 'Check.' } },
        entries: { main: { default: true }, ops: { heartbeat: { every: '10m' } } },
      },
    } as GatehouseConfig;
    const settings = resolveHeartbeatSettings(config, resolveAgentRoster(config, '/state', {}));
    expect(settings.find((s) => s.agentId === 'main')).toMatchObject({ scheduled: false, heartbeats: false });
    expect(settings.find((s) => s.agentId === 'ops')).toMatchObject({ scheduled: true, everyMs: 600_000, prompt: 'Check.' });
  });

  it('"0m" stops the tick but a wake may still run it; sub-second cadences wait a second', () => {
    const stop = { agents: { defaults: { heartbeat: { every: '0m' } } } } as GatehouseConfig;
    expect(resolveHeartbeatSettings(stop, resolveAgentRoster(stop, '/s', {}))[0]).toMatchObject({ scheduled: false, heartbeats: true });
    const fast = { agents: { defaults: { heartbeat: { every: '10ms' } } } } as GatehouseConfig;
    expect(resolveHeartbeatSettings(fast, resolveAgentRoster(fast, '/s', {}))[0]?.everyMs).toBe(1_000);
  });
});

describe('heartbeat turn budget', () => {
  /** The config as the gateway loads it: defaults applied (agents.defaults.timeoutSeconds = 48 h). */
  async function loaded(text: string) {
    const stateDir = mkdtempSync(join(tmpdir(), 'heartbeat-budget-'));
    try {
      return await evaluateConfig({ path: join(stateDir, 'gatehouse.json'), bytes: Buffer.from(text), stateDir, env: {} });
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  }

  it('is the cadence capped at ten minutes, not the 48 h agent default the loader fills in', async () => {
    const config = await loaded('{ agents: { defaults: { heartbeat: { every: "5m" } } } }');
    expect(config.config.agents?.defaults?.timeoutSeconds).toBe(172_800);
    expect(resolveHeartbeatSettings(config.config, resolveAgentRoster(config.config, '/s', {}))[0]?.timeoutMs).toBe(300_000);
    expect(heartbeatSettingsOf(config, resolveAgentRoster(config.config, '/s', {}))[0]?.timeoutMs).toBe(300_000);
    const hourly = await loaded('{ agents: { defaults: { heartbeat: { every: "1h" } } } }');
    expect(heartbeatSettingsOf(hourly, resolveAgentRoster(hourly.config, '/s', {}))[0]?.timeoutMs).toBe(600_000);
  });

  it("uses the user's own agents.defaults.timeoutSeconds, and the heartbeat's own above both", async () => {
    const config = await loaded('{ agents: { defaults: { timeoutSeconds: 90, heartbeat: { every: "30m" } } } }');
    expect(heartbeatSettingsOf(config, resolveAgentRoster(config.config, '/s', {}))[0]?.timeoutMs).toBe(90_000);
    const own = await loaded('{ agents: { defaults: { timeoutSeconds: 90, heartbeat: { every: "30m", timeoutSeconds: 20 } } } }');
    expect(heartbeatSettingsOf(own, resolveAgentRoster(own.config, '/s', {}))[0]?.timeoutMs).toBe(20_000);
  });

  it('ignores the timeout of a config file that does not validate (the gateway runs on defaults)', async () => {
    const config = await loaded('{ agents: { defaults: { timeoutSeconds: 90, heartbeat: { every: "30m" } } }, nonsense: 1 }');
    expect(config.valid).toBe(false);
    expect(heartbeatSettingsOf(config, resolveAgentRoster(config.config, '/s', {}))[0]?.timeoutMs).toBe(600_000);
  });
});

describe('active hours', () => {
  const office = { start: '09:00', end: '17:00', timezone: 'Europe/Berlin' };

  it('reads the wall clock of the configured zone, across daylight saving', () => {
    expect(minuteOfDay(at('2026-01-15T08:30:00Z'), 'Europe/Berlin')).toBe(9 * 60 + 30); // CET
    expect(minuteOfDay(at('2026-07-15T08:30:00Z'), 'Europe/Berlin')).toBe(10 * 60 + 30); // CEST
  });

  it('is inclusive at the start and exclusive at the end', () => {
    expect(withinActiveHours(at('2026-01-15T08:00:00Z'), office)).toBe(true); // 09:00 Berlin
    expect(withinActiveHours(at('2026-01-15T07:59:00Z'), office)).toBe(false);
    expect(withinActiveHours(at('2026-01-15T16:00:00Z'), office)).toBe(false); // 17:00 Berlin
  });

  it('spans midnight when the end is before the start', () => {
    const night = { start: '22:00', end: '06:00', timezone: 'America/New_York' };
    expect(withinActiveHours(at('2026-03-10T04:00:00Z'), night)).toBe(true); // 00:00 EDT
    expect(withinActiveHours(at('2026-03-10T16:00:00Z'), night)).toBe(false); // 12:00 EDT
  });

  it('runs always without a window, with an equal start and end, and up to "24:00"', () => {
    expect(withinActiveHours(at('2026-01-15T03:00:00Z'), undefined)).toBe(true);
    expect(withinActiveHours(at('2026-01-15T03:00:00Z'), { start: '08:00', end: '08:00' })).toBe(true);
    expect(withinActiveHours(at('2026-01-15T22:59:00Z'), { start: '20:00', end: '24:00', timezone: 'Europe/Berlin' })).toBe(true);
  });

  it('falls back to the host zone for an unknown zone instead of never running', () => {
    expect(() => withinActiveHours(Date.now(), { start: '00:00', end: '23:59', timezone: 'Mars/Olympus' })).not.toThrow();
  });
});

describe('HEARTBEAT.md contents', () => {
  it.each([[''], ['# Heartbeat\n\n## Tasks\n'], ['- [ ]\n- [ ] \n* \n'], ['<!-- add tasks below -->\n\n']])('%j asks for nothing', (content) => {
    expect(heartbeatFileHasTasks(content)).toBe(false);
  });

  it.each([['- [ ] check the inbox'], ['# Tasks\nRemind me about rent on the 1st.'], ['#hashtag is text']])('%j has a task', (content) => {
    expect(heartbeatFileHasTasks(content)).toBe(true);
  });
});
