import type { UpdateOutcome, UpdateStep } from '../../../shared/protocol/update/results.js';
import { packageBin, type NpmInstallTarget, type NpmProgram } from './npm-install-target.js';
import { CHECK_TIMEOUT_MS, type RegistryCheck } from './registry-check.js';
import { stepFailure, type StepRunner } from './run-step.js';

// update.run for a gateway installed from npm (OpenClaw's global-install path of
// src/infra/update-runner.ts): ask the registry, install the newer version into the same prefix,
// then make sure the installed CLI starts and says the new version before anything restarts.
// Until the restart the running process keeps the code it loaded; if a step fails it keeps
// serving and the answer says which step and why.

export const DEFAULT_UPDATE_TIMEOUT_MS = 20 * 60_000;
const VERIFY_TIMEOUT_MS = 60_000;
/** The command the gateway's package installs (package.json `bin`). */
const CLI_COMMAND = 'gatehouse';

export interface NpmUpdaterOptions {
  root: string;
  target: NpmInstallTarget;
  npm: NpmProgram;
  registry: RegistryCheck;
  currentVersion: string;
  distTag: string;
  /** Node, to run the installed CLI with (`--version`). */
  nodePath: string;
  env: NodeJS.ProcessEnv;
  runStep: StepRunner;
  now: () => number;
}

export interface UpdateAttempt {
  outcome: UpdateOutcome;
  /** The installed CLI to hand the process to; only when the update succeeded. */
  successorEntry?: string;
}

export function installCommand(target: NpmInstallTarget, version: string): { args: string[]; display: string } {
  const spec = `${target.packageName}@${version}`;
  const scope = target.global ? ['-g'] : [];
  // No audit or funding report: an update must not depend on extra registry endpoints.
  const args = ['install', ...scope, '--prefix', target.prefix, '--no-audit', '--no-fund', '--update-notifier=false', spec];
  return { args, display: `npm install ${scope.join(' ')}${scope.length ? ' ' : ''}--prefix ${JSON.stringify(target.prefix)} ${spec}` };
}

export class NpmUpdater {
  readonly #options: NpmUpdaterOptions;

  constructor(options: NpmUpdaterOptions) {
    this.#options = options;
  }

  async run(timeoutMs = DEFAULT_UPDATE_TIMEOUT_MS): Promise<UpdateAttempt> {
    const { root, target, npm, registry, currentVersion, distTag, env, runStep, now } = this.#options;
    const started = now();
    const deadline = started + timeoutMs;
    const remaining = () => Math.max(1, deadline - now());
    const steps: UpdateStep[] = [];
    const base = { mode: 'npm' as const, root, before: { version: currentVersion } };
    const finish = (status: UpdateOutcome['status'], reason: string | undefined, after?: string): UpdateAttempt => ({
      outcome: { status, ...base, steps, ...(reason === undefined ? {} : { reason }), ...(after === undefined ? {} : { after: { version: after } }), durationMs: Math.max(0, now() - started) },
    });

    const answer = await registry.check(Math.min(CHECK_TIMEOUT_MS, remaining()));
    steps.push(answer.outcome.step);
    if (!answer.ok) return finish('error', answer.reason);
    if (!answer.newer) return finish('skipped', `already up to date: ${currentVersion} is the newest ${target.packageName} under the "${distTag}" tag (the registry has ${answer.latest})`);

    const install = installCommand(target, answer.latest);
    const installed = await runStep({
      name: 'npm install',
      program: npm.program,
      args: [...npm.leadingArgs, ...install.args],
      display: install.display,
      cwd: target.prefix,
      timeoutMs: remaining(),
      env,
    });
    steps.push(installed.step);
    // Whatever happened on disk, this process still runs the version it started with.
    if (!installed.ok) return finish('error', `${stepFailure(installed)}; the gateway keeps running ${currentVersion}`);
    registry.forget();

    const entry = packageBin(root, CLI_COMMAND);
    if (entry === undefined) return finish('error', `npm installed ${answer.latest}, but ${root}/package.json names no \`${CLI_COMMAND}\` command to start; the gateway keeps running ${currentVersion}`);
    const verified = await runStep({
      name: 'verify',
      program: this.#options.nodePath,
      args: [entry, '--version'],
      display: `${CLI_COMMAND} --version`,
      cwd: target.prefix,
      timeoutMs: Math.min(VERIFY_TIMEOUT_MS, remaining()),
      env,
    });
    steps.push(verified.step);
    const reported = verified.stdout.trim();
    if (!verified.ok) return finish('error', `the installed gateway does not start: ${stepFailure(verified)}; the gateway keeps running ${currentVersion}`);
    if (reported !== answer.latest) return finish('error', `npm was asked for ${answer.latest}, but the installed gateway says ${JSON.stringify(reported.slice(0, 80))}; the gateway keeps running ${currentVersion}`);
    return { ...finish('ok', undefined, answer.latest), successorEntry: entry };
  }
}
