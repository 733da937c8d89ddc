import type { Logger } from 'pino';
import type { RestartSentinel, UpdateRunResult, UpdateStatusResult } from '../../../shared/protocol/update/results.js';
import { unavailable } from '../../../shared/protocol/error-codes.js';
import type { InstallKind } from './install-kind.js';
import { skippedUpdate } from './install-kind.js';
import { locateNpm, npmInstallTarget } from './npm-install-target.js';
import { DEFAULT_UPDATE_TIMEOUT_MS, NpmUpdater } from './npm-updater.js';
import { processReplacement, type ProcessReplacement } from './process-handover.js';
import { RegistryCheck } from './registry-check.js';
import { consumeRestartSentinel, writeRestartSentinel } from './restart-sentinel.js';
import { runStep, type StepRunner } from './run-step.js';

/** Long enough for the answer to reach the client before `shutdown` does. */
export const DEFAULT_RESTART_DELAY_MS = 1_000;
/** update.status waits this long for a registry check it started, then answers from what it has. */
const STATUS_CHECK_WAIT_MS = 10_000;
/** OpenClaw's "stable" channel; `update.channel` is not a Gatehouse config key yet. */
const DIST_TAG = 'latest';

export interface UpdateServiceOptions {
  kind: InstallKind;
  currentVersion: string;
  stateDir: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  now: () => number;
  /** A system event for the session that asked for the update, once the new process is up. */
  notifySession: (sessionKey: string, text: string) => void;
  runStep?: StepRunner;
  nodePath?: string;
  /** Defaults to the one `gatehouse gateway run` provides. */
  replacement?: () => ProcessReplacement | undefined;
}

export interface RunRequest {
  sessionKey?: string;
  note?: string;
  restartDelayMs?: number;
  timeoutMs?: number;
}

type NpmSetup = { ok: true; updater: NpmUpdater; registry: RegistryCheck } | { ok: false; reason: string };

function describeSentinel(sentinel: RestartSentinel): string {
  const { before, after, reason, mode } = sentinel.stats;
  if (sentinel.status === 'ok') return `Gatehouse gateway updated from ${before?.version ?? '?'} to ${sentinel.stats.runningVersion ?? after?.version ?? '?'} (${mode}).`;
  return `Gatehouse gateway update ${sentinel.status} (${mode})${reason ? `: ${reason}` : ''}.`;
}

/**
 * update.run / update.status for one process: how it was installed, the registry check and its
 * cache, the one update that may run at a time, and the restart record the previous process left.
 */
export class UpdateService {
  readonly #options: UpdateServiceOptions;
  readonly #npm: NpmSetup | undefined;
  readonly #sentinel: RestartSentinel | null;
  #running = false;
  /** The version an installed update restarts into; no second update before that. */
  #restarting: string | undefined;
  #restartTimer: NodeJS.Timeout | undefined;

  constructor(options: UpdateServiceOptions) {
    this.#options = options;
    this.#npm = options.kind.mode === 'npm' && options.kind.root !== undefined ? this.#setUpNpm(options.kind.root) : undefined;
    this.#sentinel = this.#readSentinel();
  }

  async run(request: RunRequest): Promise<UpdateRunResult> {
    const { kind, logger } = this.#options;
    const npm = this.#npm;
    if (npm === undefined || !npm.ok) {
      const { reason, command } = skippedUpdate(kind, npm?.ok === false ? npm.reason : undefined);
      logger.info({ mode: kind.mode }, 'update.run skipped');
      return { ok: true, result: { status: 'skipped', mode: kind.mode, steps: [], reason, ...(command ? { command } : {}), ...(kind.root ? { root: kind.root } : {}) }, restart: null };
    }
    if (this.#running) throw unavailable('an update is already running; wait for its answer');
    if (this.#restarting !== undefined) throw unavailable(`the gateway is restarting into ${this.#restarting}; ask again once it is back`);
    this.#running = true;
    try {
      return await this.#runNpm(npm.updater, request);
    } finally {
      this.#running = false;
    }
  }

  /** Gateway shutdown: a restart that has not begun is dropped (the installed version runs at the next start). */
  stop(): void {
    clearTimeout(this.#restartTimer);
    this.#restartTimer = undefined;
  }

  async status(refresh: boolean): Promise<UpdateStatusResult> {
    const npm = this.#npm?.ok ? this.#npm : undefined;
    if (npm !== undefined) {
      // Answers from the cache while it is fresh; a check it has to start may take a while, and
      // the status does not wait for a slow registry longer than STATUS_CHECK_WAIT_MS.
      const check = npm.registry.recent(refresh);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([check, new Promise((resolve) => (timer = setTimeout(resolve, STATUS_CHECK_WAIT_MS)))]);
      clearTimeout(timer);
    }
    const available = npm?.registry.available() ?? null;
    const { mode } = this.#options.kind;
    return {
      sentinel: this.#sentinel,
      updateAvailable: available,
      schedule: {
        channel: 'stable',
        autoEnabled: false,
        install: { kind: mode === 'git' ? 'git' : mode === 'unknown' ? 'unknown' : 'package' },
        ...(available ? { target: { kind: 'package' as const, version: available.latestVersion } } : {}),
      },
    };
  }

  #setUpNpm(root: string): NpmSetup {
    const located = npmInstallTarget(root);
    if (!located.ok) return located;
    const npm = locateNpm(this.#options.nodePath);
    if (npm === undefined) return { ok: false, reason: 'npm was not found beside this Node binary' };
    const shared = { npm, currentVersion: this.#options.currentVersion, distTag: DIST_TAG, env: this.#options.env, runStep: this.#options.runStep ?? runStep, now: this.#options.now };
    const registry = new RegistryCheck({ ...shared, packageName: located.target.packageName, cwd: located.target.prefix });
    const updater = new NpmUpdater({ ...shared, root, target: located.target, registry, nodePath: this.#options.nodePath ?? process.execPath });
    return { ok: true, updater, registry };
  }

  async #runNpm(updater: NpmUpdater, request: RunRequest): Promise<UpdateRunResult> {
    const { logger, now, stateDir } = this.#options;
    const attempt = await updater.run(request.timeoutMs ?? DEFAULT_UPDATE_TIMEOUT_MS);
    const { outcome } = attempt;
    logger.info({ status: outcome.status, from: outcome.before?.version, to: outcome.after?.version, steps: outcome.steps.map((step) => `${step.name}:${step.exitCode}`) }, 'update.run');
    if (outcome.status !== 'ok' || attempt.successorEntry === undefined) return { ok: outcome.status !== 'error', result: outcome, restart: null };

    const payload: RestartSentinel = {
      kind: 'update',
      status: 'ok',
      ts: now(),
      ...(request.sessionKey === undefined ? {} : { sessionKey: request.sessionKey }),
      ...(request.note === undefined ? {} : { message: request.note }),
      stats: { mode: 'npm', root: outcome.root, before: outcome.before, after: outcome.after, steps: outcome.steps, durationMs: outcome.durationMs ?? 0 },
    };
    const path = writeRestartSentinel(stateDir, payload);
    const replacement = (this.#options.replacement ?? processReplacement)();
    if (replacement === undefined) {
      return { ok: true, result: { ...outcome, reason: `installed ${outcome.after?.version}; this gateway was not started by \`gatehouse gateway run\`, so restart it by hand to run the new version` }, restart: null, sentinel: { path, payload } };
    }
    const delayMs = request.restartDelayMs ?? DEFAULT_RESTART_DELAY_MS;
    const reason = `updating to ${outcome.after?.version}`;
    const entry = attempt.successorEntry;
    this.#restarting = outcome.after?.version ?? 'the new version';
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = undefined;
      logger.info({ entry, mode: replacement.mode }, 'replacing the gateway process with the updated one');
      replacement.replace(entry, reason).catch((error: unknown) => logger.error({ error: (error as Error).message }, 'the updated gateway could not take over'));
    }, delayMs);
    return { ok: true, result: outcome, restart: { delayMs, mode: replacement.mode, reason }, sentinel: { path, payload } };
  }

  #readSentinel(): RestartSentinel | null {
    const { stateDir, currentVersion, logger } = this.#options;
    const consumed = consumeRestartSentinel(stateDir, currentVersion);
    if (consumed.kind === 'invalid') logger.warn({ reason: consumed.reason }, 'restart record ignored');
    if (consumed.kind !== 'read') return null;
    const { sentinel } = consumed;
    logger.info({ status: sentinel.status, from: sentinel.stats.before?.version, to: sentinel.stats.runningVersion }, 'started after an update');
    if (sentinel.sessionKey !== undefined) this.#options.notifySession(sentinel.sessionKey, describeSentinel(sentinel));
    return sentinel;
  }
}
