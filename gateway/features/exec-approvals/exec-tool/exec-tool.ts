import { mkdirSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { Logger } from 'pino';
import type { GatehouseConfig } from '../../../core/config/index.js';
import type { ApprovalOutcome, ExecApprovalQueue } from '../approval-queue.js';
import { GATEWAY_SCOPE, type ApprovalsDocuments } from '../approvals-documents.js';
import { exactEntryFor } from '../allowlist-match.js';
import { decideExec, fallbackAllows, type ExecDecision } from '../exec-decision.js';
import { effectivePolicy, type ExecPolicy } from '../exec-policy.js';
import type { ToolContext, TurnTool, TurnToolProvider } from '../../../agent/turn-tools.js';
import { checkedExtraEnv, commandEnv } from './exec-env.js';
import { runShellCommand } from './shell-process.js';
import { workspaceCwd } from './workspace-cwd.js';

const MAX_OUTPUT_BYTES = 64 * 1024;
const DEFAULT_TIMEOUT_SECONDS = 1_800;

interface ExecInput {
  command: string;
  cwd?: string;
  timeoutSeconds?: number;
  env?: Record<string, unknown>;
}

export interface ExecToolDeps {
  approvals: ExecApprovalQueue;
  documents: ApprovalsDocuments;
  config: () => GatehouseConfig;
  logger: Logger;
}

type ExecOutcome = Record<string, unknown>;

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
              env: {
                type: 'object',
                additionalProperties: { type: 'string' },
                description: 'Extra environment variables, shown to the person approving. Variables that load code or pick programs (PATH, LD_PRELOAD, NODE_OPTIONS, …) are refused.',
              },
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
  // A blocked variable is a tool error (thrown), not a denial: nobody could approve it.
  const extraEnv = checkedExtraEnv(input.env);
  mkdirSync(context.workspace, { recursive: true });
  let cwd = resolvePath(context.workspace, input.cwd ?? '.');
  if (policy.security !== 'full') {
    const checked = await workspaceCwd(context.workspace, input.cwd);
    if (!checked.ok) return { status: 'denied', reason: checked.reason };
    cwd = checked.cwd;
  }
  const env = commandEnv(extraEnv, execConfig.pathPrepend ?? []);

  const checked = await decideExec({
    command: input.command,
    cwd,
    pathEnv: env.PATH,
    home: env.HOME,
    env: extraEnv,
    policy,
    allowlist: document.agents?.[context.agentId]?.allowlist ?? [],
    pinnedEnv: deps.documents.pinnedEnv(GATEWAY_SCOPE),
    shell: process.platform === 'win32' ? 'cmd' : 'sh',
  });
  let decision = checked.decision;
  let approval: ApprovalOutcome | undefined;

  if (decision === 'ask') {
    approval = await askPerson(input.command, cwd, extraEnv, checked, policy, toolCallId, context, deps);
    if (approval.decision === 'allow-once' || approval.decision === 'allow-always') decision = 'run';
    else if (approval.decision === 'deny') decision = 'deny';
    else if (context.abortSignal.aborted) return { status: 'cancelled', reason: 'the run was aborted while waiting for approval' };
    else decision = fallbackAllows(policy, checked.matched) ? 'run' : 'deny';
    if (approval.decision === 'allow-always' && approval.resolvedBy && checked.analysis.safe) {
      for (const segment of checked.analysis.segments) {
        deps.documents.addEntry(GATEWAY_SCOPE, context.agentId, { ...exactEntryFor(segment), commandText: segment.text }, approval.resolvedBy, {
          approvalId: approval.id,
          env: extraEnv,
        });
      }
    }
  }
  if (decision === 'deny') {
    const reason = approval
      ? approval.decision === 'deny'
        ? 'a person denied this command'
        : `no decision (${approval.reason ?? 'expired'}); the fallback policy (${policy.askFallback}) does not allow it`
      : `policy does not allow this command (security ${policy.security}, ask ${policy.ask})${checked.warningText ? `; ${checked.warningText}` : ''}`;
    return { status: 'denied', reason, ...(approval ? { approvalId: approval.id } : {}) };
  }

  checked.matches.forEach((entry, index) => {
    const segment = checked.analysis.safe ? checked.analysis.segments[index] : undefined;
    if (entry?.id) deps.documents.touchEntry(GATEWAY_SCOPE, context.agentId, entry.id, input.command, segment?.resolvedPath);
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
  command: string,
  cwd: string,
  env: Record<string, string>,
  checked: ExecDecision,
  policy: ExecPolicy,
  toolCallId: string,
  context: ToolContext,
  deps: ExecToolDeps,
): Promise<ApprovalOutcome> {
  // allow-always pins exact segments: a command the analysis could not prove cannot be pinned.
  const pinnable = checked.analysis.safe && checked.analysis.segments.length > 0;
  const first = checked.analysis.safe ? checked.analysis.segments[0] : undefined;
  const { approval, outcome } = deps.approvals.open({
    command,
    cwd,
    ...(Object.keys(env).length > 0 ? { env } : {}),
    host: 'gateway',
    agentId: context.agentId,
    sessionKey: context.sessionKey,
    runId: context.runId,
    toolCallId,
    security: policy.security,
    ask: policy.ask,
    ...(first?.resolvedPath ? { resolvedPath: first.resolvedPath } : {}),
    ...(pinnable ? {} : { unavailableDecisions: ['allow-always'] }),
    ...(checked.warningText ? { warningText: checked.warningText } : {}),
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
