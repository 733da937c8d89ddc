import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UpdateAvailable } from '../../../shared/protocol/update/results.js';
import type { NpmProgram } from './npm-install-target.js';
import { stepFailure, type StepOutcome, type StepRunner } from './run-step.js';

// Which version the registry offers. npm itself asks (`npm view`), so whatever npm is set up
// with applies: `registry` from .npmrc or npm_config_registry, scoped registries, auth tokens,
// proxies, CA files. update.run always asks; update.status reuses the last answer for a while,
// so polling the status never polls the registry. npm answers from its cache when the registry
// cannot be reached (its offline fallback), which would report a registry that is down as "up to
// date": each check gets an empty cache of its own, removed afterwards.

/** A fresh answer is reused this long by update.status. */
export const CHECK_TTL_MS = 60 * 60_000;
/** A failed check is retried no sooner than this (a registry that is down is not hammered). */
export const FAILED_CHECK_TTL_MS = 5 * 60_000;
export const CHECK_TIMEOUT_MS = 60_000;

export type RegistryAnswer =
  | { ok: true; latest: string; newer: boolean; outcome: StepOutcome }
  | { ok: false; reason: string; outcome: StepOutcome };

export interface RegistryCheckOptions {
  npm: NpmProgram;
  packageName: string;
  currentVersion: string;
  /** The dist-tag this install follows (OpenClaw's "stable" channel is npm's `latest`). */
  distTag: string;
  /** Where npm runs: the install's prefix, so a project's .npmrc applies. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  runStep: StepRunner;
  now: () => number;
}

type Semver = typeof import('semver');

/** semver on the first registry answer, not at gateway start (its 46 modules and ~40 regexes). */
async function loadSemver(): Promise<Semver> {
  return (await import('semver')).default;
}

/** `npm view --json` prints a string, or an array when a range matched several versions. */
function parseViewVersion(stdout: string, semver: Semver): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout.trim());
  } catch {
    return undefined;
  }
  const value = Array.isArray(parsed) ? parsed.at(-1) : parsed;
  return typeof value === 'string' && semver.valid(value) !== null ? value : undefined;
}

export class RegistryCheck {
  readonly #options: RegistryCheckOptions;
  #last: { at: number; answer: RegistryAnswer } | undefined;
  #inFlight: Promise<RegistryAnswer> | undefined;

  constructor(options: RegistryCheckOptions) {
    this.#options = options;
  }

  /** Asks the registry now (joining a check already on its way). */
  check(timeoutMs = CHECK_TIMEOUT_MS): Promise<RegistryAnswer> {
    this.#inFlight ??= this.#ask(timeoutMs).finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  /** The last answer while it is fresh, else a new one; `force` always asks. */
  async recent(force = false): Promise<RegistryAnswer> {
    const last = this.#last;
    if (!force && last !== undefined) {
      const ttl = last.answer.ok ? CHECK_TTL_MS : FAILED_CHECK_TTL_MS;
      if (this.#options.now() - last.at < ttl) return last.answer;
    }
    return this.check();
  }

  /** What update.status reports from the last answer, without asking. */
  available(): UpdateAvailable | null {
    const answer = this.#last?.answer;
    if (!answer?.ok || !answer.newer) return null;
    return { currentVersion: this.#options.currentVersion, latestVersion: answer.latest, channel: this.#options.distTag === 'latest' ? 'stable' : this.#options.distTag };
  }

  /** After an install the running code is still the old one, but the next answer would be stale. */
  forget(): void {
    this.#last = undefined;
  }

  async #ask(timeoutMs: number): Promise<RegistryAnswer> {
    const { npm, packageName, distTag } = this.#options;
    const spec = `${packageName}@${distTag}`;
    const cache = mkdtempSync(join(tmpdir(), 'gatehouse-npm-check-'));
    let outcome: StepOutcome;
    try {
      outcome = await this.#options.runStep({
        name: 'check registry',
        program: npm.program,
        args: [...npm.leadingArgs, 'view', spec, 'version', '--json', '--cache', cache],
        display: `npm view ${spec} version --json`,
        cwd: this.#options.cwd,
        timeoutMs,
        env: this.#options.env,
      });
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
    let answer: RegistryAnswer;
    if (!outcome.ok) {
      answer = { ok: false, reason: `the registry could not be asked: ${stepFailure(outcome)}`, outcome };
    } else {
      const semver = await loadSemver();
      const latest = parseViewVersion(outcome.stdout, semver);
      answer =
        latest === undefined
          ? { ok: false, reason: `the registry has no version under the "${distTag}" tag of ${packageName}`, outcome }
          : { ok: true, latest, newer: semver.gt(latest, this.#options.currentVersion), outcome };
    }
    this.#last = { at: this.#options.now(), answer };
    return answer;
  }
}
