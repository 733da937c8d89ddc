import { mkdirSync } from 'node:fs';
import { isAbsolute, relative, resolve as resolvePath } from 'node:path';
import type { Logger } from 'pino';
import type { GatehouseConfig } from '../../config/index.js';
import type { ApprovalOutcome, ExecApprovalQueue } from '../../approvals/approval-queue.js';
import { GATEWAY_SCOPE, type ApprovalsDocuments } from '../../approvals/approvals-documents.js';
import { commandSegments, exactEntryFor, matchingEntry, type CommandSegment } from '../../approvals/command-analysis.js';
import { effectivePolicy, type ExecPolicy } from '../../approvals/exec-policy.js';
import type { ToolContext, TurnTool, TurnToolProvider } from '../turn-tools.js';
import { runShellCommand } from './shell-process.js';

const MAX_OUTPUT_BYTES = 64 * 1024;
const DEFAULT_TIMEOUT_SECONDS = 1_800;
/** Variables a command inherits from the gateway; anything else it must be given explicitly. */
const INHERITED_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TERM', 'TZ', 'TMPDIR', 'SHELL', 'SystemRoot', 'ComSpec'];
const FORBIDDEN_ENV = /^(PATH|LD_.*|DYLD_.*|NODE_OPTIONS|BASH_ENV|ENV|IFS)$/;

interface ExecInput {
  command: string;
  cwd?: string;
  timeoutSeconds?: number;
  env?: Record<string, string>;
}

export interface ExecToolDeps {
  approvals: ExecApprovalQueue;
  documents: ApprovalsDocuments;
  config: () => GatehouseConfig;
  logger: Logger;
}

type ExecOutcome = Record<string, unknown>;

function inside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function buildEnv(extra: Record<string, string> | undefined, pathPrepend: string[]): Record<string, string> | string {
  const env: Record<string, string> = {};
  for (const name of INHERITED_ENV) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  if (pathPrepend.length > 0) env.PATH = [...pathPrepend, env.PATH ?? ''].filter(Boolean).join(process.platform === 'win32' ? ';' : ':');
  for (const [name, value] of Object.entries(extra ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || FORBIDDEN_ENV.test(name)) return `environment variable ${name} may not be set by the exec tool`;
    env[name] = String(value);
  }
  return env;
}

/** The decision policy takes before anyone is asked (spec §16, config.md §5). */
function preDecision(policy: ExecPolicy, matched: boolean): 'run' | 'ask' | 'deny' {
  if (policy.security === 'deny') return 'deny';
  if (policy.ask === 'always') return 'ask';
  if (matched || policy.security === 'full') return policy.ask === 'on-miss' && !matched ? 'ask' : 'run';
  return policy.ask === 'on-miss' ? 'ask' : 'deny';
}

function fallbackAllows(policy: ExecPolicy, matched: boolean): boolean {
  return policy.askFallback === 'full' || (policy.askFallback === 'allowlist' && matched);
}

/**
 * The `exec` tool: runs a shell command in the agent's workspace when policy allows it outright,
 * and otherwise waits for a person through an exec approval. Its result goes back to the model.
 */
export function createExecToolProvider(deps: ExecToolDeps): TurnToolProvider {
  return {
    toolsFor(context: ToolContext): Record<string, TurnTool> {
      return {
        exec: {
          description:
            'Run a shell command on the gateway host. The working directory defaults to your workspace. ' +
            'Commands not allowed by policy wait for a person to approve them; a denial is final for that command.',
          inputSchema: {
            type: 'object',
            properties: {
              command: { type: 'string', minLength: 1, description: 'The shell command line to run.' },
              cwd: { type: 'string', description: 'Working directory, relative to the workspace or absolute.' },
              timeoutSeconds: { type: 'integer', minimum: 1, description: 'Kill the command after this many seconds.' },
              env: { type: 'object', additionalProperties: { type: 'string' }, description: 'Extra environment variables.' },
            },
            required: ['command'],
            additionalProperties: false,
          },
          execute: (input, call) => runExec(input as ExecInput, call.toolCallId, context, deps),
        },
      };
    },
  };
}

async function runExec(input: ExecInput, toolCallId: string, context: ToolContext, deps: ExecToolDeps): Promise<ExecOutcome> {
  const config = deps.config();
  const execConfig = (config.tools?.exec ?? {}) as { timeoutSeconds?: number; pathPrepend?: string[] };
  const { document } = deps.documents.get(GATEWAY_SCOPE);
  const policy = effectivePolicy(config, document, context.agentId);
  mkdirSync(context.workspace, { recursive: true });
  const cwd = resolvePath(context.workspace, input.cwd ?? '.');
  if (policy.security !== 'full' && !inside(context.workspace, cwd)) {
    return { status: 'denied', reason: `working directory ${cwd} is outside the agent workspace ${context.workspace}` };
  }
  const env = buildEnv(input.env, execConfig.pathPrepend ?? []);
  if (typeof env === 'string') return { status: 'denied', reason: env };

  const segments = commandSegments(input.command, env.PATH, cwd);
  const allowlist = document.agents?.[context.agentId]?.allowlist ?? [];
  const matches = segments.map((segment) => matchingEntry(allowlist, segment, env.HOME));
  const matched = segments.length > 0 && matches.every((entry) => entry !== undefined);
  let decision = preDecision(policy, matched);
  let approval: ApprovalOutcome | undefined;

  if (decision === 'ask') {
    approval = await askPerson(input, cwd, segments, policy, toolCallId, context, deps);
    if (approval.decision === 'allow-once' || approval.decision === 'allow-always') decision = 'run';
    else if (approval.decision === 'deny') decision = 'deny';
    else if (context.abortSignal.aborted) return { status: 'cancelled', reason: 'the run was aborted while waiting for approval' };
    else decision = fallbackAllows(policy, matched) ? 'run' : 'deny';
    if (approval.decision === 'allow-always') {
      for (const segment of segments) {
        deps.documents.addEntry(GATEWAY_SCOPE, context.agentId, { ...exactEntryFor(segment), commandText: segment.text }, approval.resolvedBy ?? 'operator', approval.id);
      }
    }
  }
  if (decision === 'deny') {
    const reason = approval
      ? approval.decision === 'deny'
        ? 'a person denied this command'
        : `no decision (${approval.reason ?? 'expired'}); the fallback policy (${policy.askFallback}) does not allow it`
      : `policy does not allow this command (security ${policy.security}, ask ${policy.ask})`;
    return { status: 'denied', reason, ...(approval ? { approvalId: approval.id } : {}) };
  }

  matches.forEach((entry, index) => {
    if (entry?.id) deps.documents.touchEntry(GATEWAY_SCOPE, context.agentId, entry.id, input.command, segments[index]?.resolvedPath);
  });
  const limitSeconds = execConfig.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const timeoutSeconds = Math.min(input.timeoutSeconds ?? limitSeconds, limitSeconds);
  deps.logger.info({ runId: context.runId, agentId: context.agentId, cwd, approvalId: approval?.id }, 'exec: running a command');
  const result = await runShellCommand({
    command: input.command,
    cwd,
    env,
    timeoutMs: timeoutSeconds * 1_000,
    signal: context.abortSignal,
    maxOutputBytes: MAX_OUTPUT_BYTES,
  });
  return { status: 'ran', ...result, ...(approval ? { approvalId: approval.id } : {}) };
}

async function askPerson(
  input: ExecInput,
  cwd: string,
  segments: CommandSegment[],
  policy: ExecPolicy,
  toolCallId: string,
  context: ToolContext,
  deps: ExecToolDeps,
): Promise<ApprovalOutcome> {
  const pinnable = segments.length > 0 && segments.every((segment) => segment.binary !== '');
  const { approval, outcome } = deps.approvals.open({
    command: input.command,
    cwd,
    host: 'gateway',
    agentId: context.agentId,
    sessionKey: context.sessionKey,
    runId: context.runId,
    toolCallId,
    security: policy.security,
    ask: policy.ask,
    ...(segments[0]?.resolvedPath ? { resolvedPath: segments[0].resolvedPath } : {}),
    ...(pinnable ? {} : { unavailableDecisions: ['allow-always'] }),
    requester: `agent:${context.agentId}`,
  });
  const cancel = () => deps.approvals.cancel(approval.id);
  context.abortSignal.addEventListener('abort', cancel, { once: true });
  try {
    return await outcome;
  } finally {
    context.abortSignal.removeEventListener('abort', cancel);
  }
}
