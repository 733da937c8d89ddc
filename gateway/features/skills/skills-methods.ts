import { join } from 'node:path';
import { ErrorCode, GatewayError, invalidRequest } from '../../../shared/protocol/error-codes.js';
import { SkillsBinsParams } from '../../../shared/protocol/nodes/params.js';
import { SkillsInstallParams, SkillsStatusParams, SkillsUpdateParams } from '../../../shared/protocol/skills/params.js';
import { impliedAgentId } from '../../agent/session-addressing.js';
import { canonicalSessionKey } from '../../agent/session-keys.js';
import type { FeatureContext } from '../../composition/feature-context.js';
import { ConfigWriteError, configGetPayload, patchConfig } from '../../core/config/index.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import { binOnPath } from './skill-eligibility.js';
import { DEFAULT_INSTALL_TIMEOUT_MS, downloadTool, planInstall, runProgram, type InstallOutcome } from './skill-installer.js';
import type { SkillsService } from './skills-service.js';

// The skills family (methods.json, openclaw-families.md §6): status, install, update, bins.

export type SkillsContext = Pick<FeatureContext, 'config'>;

function installFailed(outcome: InstallOutcome): GatewayError {
  return new GatewayError(ErrorCode.unavailable, outcome.message, { details: { stdout: outcome.stdout, stderr: outcome.stderr, code: outcome.code } });
}

export function skillsMethods(context: SkillsContext, skills: SkillsService): MethodDefinition[] {
  const { config } = context;

  /** The agent whose workspace is meant: `agentId`, the agent of `sessionKey`, else the default. */
  function workspaceOf(params: { agentId?: string; sessionKey?: string }): string {
    const roster = config.roster();
    const fallback = impliedAgentId(roster, undefined, 'read') ?? 'main';
    const agentId = params.agentId?.toLowerCase() ?? (params.sessionKey ? canonicalSessionKey(params.sessionKey, fallback).agentId : fallback);
    const agent = roster.agents.find((candidate) => candidate.id === agentId);
    if (!agent) throw invalidRequest(`unknown agent "${agentId.slice(0, 64)}"`);
    return agent.workspace;
  }

  return [
    defineMethod({
      name: 'skills.status',
      params: SkillsStatusParams,
      handler: ({ params }) => {
        const workspaceDir = workspaceOf(params);
        const { skills: entries, problems } = skills.status(workspaceDir);
        return { workspaceDir, managedSkillsDir: skills.managedDir, skills: entries, ...(problems.length > 0 ? { problems } : {}) };
      },
    }),
    defineMethod({
      name: 'skills.bins',
      params: SkillsBinsParams,
      handler: () => ({ bins: skills.allBins() }),
    }),
    defineMethod({
      name: 'skills.install',
      params: SkillsInstallParams,
      controlPlaneWrite: true,
      handler: async ({ params }) => {
        const skill = skills.load(workspaceOf(params)).skills.find((candidate) => candidate.name === params.name);
        if (!skill) throw invalidRequest(`unknown skill "${params.name}"`);
        const spec = skill.metadata.install.find((candidate) => candidate.id === params.installId);
        if (!spec) {
          const ids = skill.metadata.install.map((candidate) => candidate.id);
          throw invalidRequest(`skill "${skill.name}" has no install option "${params.installId}"${ids.length > 0 ? ` (it has ${ids.join(', ')})` : ' (it names none)'}`);
        }
        const { env } = config.current();
        const settings = config.current().config.skills;
        const plan = planInstall(spec, {
          platform: process.platform,
          hasBin: (bin) => binOnPath(bin, env),
          ...(settings?.install?.nodeManager ? { nodeManager: settings.install.nodeManager } : {}),
        });
        if (plan.kind === 'refused') throw new GatewayError(ErrorCode.unavailable, plan.message, { retryable: false });
        const timeoutMs = params.timeoutMs ?? DEFAULT_INSTALL_TIMEOUT_MS;
        const outcome =
          plan.kind === 'exec'
            ? await runProgram(plan.command, plan.args, { timeoutMs, env: { ...env } })
            : await downloadTool(plan.url, { toolsDir: join(config.stateDir, 'tools', skill.skillKey), timeoutMs });
        skills.forgetPromptBlocks();
        if (!outcome.ok) throw installFailed(outcome);
        return outcome;
      },
    }),
    defineMethod({
      name: 'skills.update',
      params: SkillsUpdateParams,
      controlPlaneWrite: true,
      handler: async ({ params }) => {
        const entry: Record<string, unknown> = {};
        if (params.enabled !== undefined) entry.enabled = params.enabled;
        if (params.apiKey !== undefined) entry.apiKey = params.apiKey.trim() === '' ? null : params.apiKey.trim();
        if (params.env !== undefined) {
          const env: Record<string, string | null> = {};
          for (const [name, value] of Object.entries(params.env)) env[name] = value.trim() === '' ? null : value.trim();
          entry.env = env;
        }
        // A merge patch of skills.entries.<key>: the config path every config.* write takes.
        const patch = { skills: { entries: { [params.skillKey]: entry } } };
        try {
          const loaded = config.current();
          const outcome = await patchConfig({ loaded, baseHash: loaded.hash, stateDir: config.stateDir, env: config.env, raw: JSON.stringify(patch) });
          if (!outcome.noop) config.apply(outcome.loaded, 'when-required', 0, outcome.changedPaths);
          const view = configGetPayload(outcome.loaded).config as { skills?: { entries?: Record<string, Record<string, unknown>> } };
          const written = view.skills?.entries && Object.hasOwn(view.skills.entries, params.skillKey) ? view.skills.entries[params.skillKey] : undefined;
          return { ok: true as const, skillKey: params.skillKey, config: { ...(written ?? {}) } };
        } catch (error) {
          if (error instanceof ConfigWriteError) throw new GatewayError(error.code, error.message, error.details === undefined ? {} : { details: error.details });
          throw error;
        }
      },
    }),
  ];
}
