/**
 * The Control UI's Skills page, free of any platform: every skill `skills.status` reports, with
 * what keeps an ineligible one from running and what to do about it; enabling and disabling
 * through `skills.update`; installing a missing tool through `skills.install` where the skill
 * names an installer, with the installer's output either way.
 */
import { SkillsResults, type SkillStatusEntry, type SkillsStatusResult } from '../../shared/protocol/skills/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';
import { describeFailure } from '../describe-failure.js';
import type { GatewayRequest } from '../gateway-request.js';
import { parsed } from '../parse-answer.js';

const statusResult = compileSchema(SkillsResults['skills.status']);
const updateResult = compileSchema(SkillsResults['skills.update']);
const installResult = compileSchema(SkillsResults['skills.install']);

/** An install runs a package manager or a download: give it longer than an ordinary request. */
export const INSTALL_TIMEOUT_MS = 300_000;

export async function readSkills(request: GatewayRequest): Promise<SkillsStatusResult> {
  const answer = parsed('skills.status', statusResult, await request('skills.status', {}));
  return { ...answer, skills: [...answer.skills].sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.name.localeCompare(b.name)) };
}

/** Where the skill comes from, in words. */
export function skillSource(source: string): string {
  switch (source) {
    case 'openclaw-bundled':
      return 'Bundled';
    case 'openclaw-managed':
      return 'Installed';
    case 'openclaw-workspace':
      return 'Workspace';
    case 'openclaw-extra':
      return 'Extra folder';
    default:
      return source;
  }
}

/**
 * Why a skill cannot run and what to do, one sentence each; empty when it is eligible. Names
 * only what is missing (never a configured value).
 */
export function missingSteps(skill: SkillStatusEntry): string[] {
  const steps: string[] = [];
  if (skill.disabled) steps.push('Disabled: enable it to let agents use it.');
  if (skill.blockedByAllowlist) steps.push('Not on the allowlist: add it to skills.allowBundled in the config.');
  const { bins, anyBins, env, config, os } = skill.missing;
  if (bins.length > 0) steps.push(`Install ${bins.join(', ')} so ${bins.length === 1 ? 'it is' : 'they are'} on the gateway's PATH.`);
  if (anyBins.length > 0) steps.push(`Install one of ${anyBins.join(', ')}.`);
  if (env.length > 0) {
    const key = skill.primaryEnv !== undefined && env.includes(skill.primaryEnv) ? ` (or set an API key for it below)` : '';
    steps.push(`Set ${env.join(', ')} in the gateway's environment or in skills.entries.${skill.skillKey}.env${key}.`);
  }
  if (config.length > 0) steps.push(`Set ${config.join(', ')} in the config.`);
  if (os.length > 0) steps.push(`Runs only on ${os.join(', ')}.`);
  return steps;
}

export async function setSkillEnabled(request: GatewayRequest, skillKey: string, enabled: boolean): Promise<void> {
  parsed('skills.update', updateResult, await request('skills.update', { skillKey, enabled }));
}

export interface InstallOutcome {
  ok: boolean;
  message: string;
  stdout?: string;
  stderr?: string;
}

/** Runs the installer; a failed install still brings its output, from the error's details. */
export async function installSkill(request: GatewayRequest, name: string, installId: string): Promise<InstallOutcome> {
  try {
    const answer = parsed(
      'skills.install',
      installResult,
      await request('skills.install', { name, installId, timeoutMs: INSTALL_TIMEOUT_MS }, { timeoutMs: INSTALL_TIMEOUT_MS + 10_000 }),
    );
    return { ok: answer.ok, message: answer.message, ...output(answer) };
  } catch (error) {
    const details = (error as { details?: unknown } | undefined)?.details;
    return { ok: false, message: describeFailure(error), ...output(details) };
  }
}

function output(value: unknown): { stdout?: string; stderr?: string } {
  if (typeof value !== 'object' || value === null) return {};
  const { stdout, stderr } = value as { stdout?: unknown; stderr?: unknown };
  return {
    ...(typeof stdout === 'string' && stdout !== '' ? { stdout } : {}),
    ...(typeof stderr === 'string' && stderr !== '' ? { stderr } : {}),
  };
}
