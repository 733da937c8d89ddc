import { randomUUID } from 'node:crypto';
import { GatewayError, ErrorCode, invalidRequest } from '../../../shared/protocol/error-codes.js';
import type { EventBus } from '../../core/events/event-bus.js';
import type { ExecApprovalsRepository } from './exec-approvals-repository.js';
import { actorId, type ApprovalActor } from './approval-actor.js';

export const DECISIONS = ['allow-once', 'allow-always', 'deny'] as const;
export type Decision = (typeof DECISIONS)[number];

export function isDecision(value: string): value is Decision {
  return (DECISIONS as readonly string[]).includes(value);
}

/** What an approval asks about (spec §16 step 1), as shown to the person deciding. */
export interface ApprovalRequest {
  command: string;
  commandArgv?: string[];
  cwd?: string;
  /** Extra environment variables the command runs with: they change what it does. */
  env?: Record<string, string>;
  host: 'gateway' | 'node';
  nodeId?: string;
  agentId?: string;
  sessionKey?: string;
  runId?: string;
  toolCallId?: string;
  resolvedPath?: string;
  security?: string;
  ask?: string;
  /** Decisions the UI must not offer (e.g. allow-always when the command cannot be pinned). */
  unavailableDecisions?: Decision[];
  /** What made the analysis unable to prove the command safe ("unsafe: redirection >"). */
  warningText?: string;
  requester?: string;
}

export interface PendingApproval {
  id: string;
  request: ApprovalRequest;
  createdAtMs: number;
  expiresAtMs: number;
}

export interface ApprovalOutcome {
  id: string;
  decision: Decision | null;
  createdAtMs: number;
  expiresAtMs: number;
  /** Why there is no decision: nobody could answer, the deadline passed, or the run went away. */
  reason?: 'expired' | 'no-approver' | 'cancelled';
  resolvedBy?: ApprovalActor;
}

interface Entry extends PendingApproval {
  timer: NodeJS.Timeout;
  settle: (outcome: ApprovalOutcome) => void;
  outcome: Promise<ApprovalOutcome>;
}

export const DEFAULT_APPROVAL_TIMEOUT_MS = 1_800_000;

function notFound(id: string): GatewayError {
  return new GatewayError(ErrorCode.invalidRequest, 'unknown or expired approval id', {
    details: { reason: 'APPROVAL_NOT_FOUND', id },
  });
}

/**
 * Pending exec approvals (spec §16): announced to operators holding operator.approvals, decided
 * once by a person, expiring at their deadline. A request nobody can see expires at once.
 */
export class ExecApprovalQueue {
  private readonly pending = new Map<string, Entry>();

  constructor(
    private readonly repository: ExecApprovalsRepository,
    private readonly bus: EventBus,
    /** How many connected operators could answer (hold operator.approvals). */
    private readonly approverCount: () => number,
    private readonly now: () => number = Date.now,
  ) {
    repository.expireLeftovers(now());
  }

  list(): PendingApproval[] {
    return [...this.pending.values()].map(({ id, request, createdAtMs, expiresAtMs }) => ({ id, request, createdAtMs, expiresAtMs }));
  }

  get(id: string): PendingApproval | undefined {
    const entry = this.pending.get(id);
    return entry ? { id: entry.id, request: entry.request, createdAtMs: entry.createdAtMs, expiresAtMs: entry.expiresAtMs } : undefined;
  }

  /** Opens an approval; `outcome` settles when a person decides or it expires or is cancelled. */
  open(request: ApprovalRequest, options: { id?: string; timeoutMs?: number } = {}): { approval: PendingApproval; outcome: Promise<ApprovalOutcome> } {
    const id = options.id ?? randomUUID();
    if (this.pending.has(id) || this.repository.approval(id)) throw invalidRequest(`approval id already used: ${id}`);
    const createdAtMs = this.now();
    const expiresAtMs = createdAtMs + (options.timeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS);
    this.repository.insertApproval({ id, request, status: 'pending', createdAtMs, expiresAtMs });
    let settle!: (outcome: ApprovalOutcome) => void;
    const outcome = new Promise<ApprovalOutcome>((resolve) => {
      settle = resolve;
    });
    const approval: PendingApproval = { id, request, createdAtMs, expiresAtMs };
    if (this.approverCount() === 0) {
      this.repository.finishApproval(id, 'expired', undefined, undefined, createdAtMs);
      settle({ id, decision: null, createdAtMs, expiresAtMs, reason: 'no-approver' });
      return { approval, outcome };
    }
    const timer = setTimeout(() => this.expire(id), Math.max(0, expiresAtMs - createdAtMs));
    timer.unref();
    this.pending.set(id, { ...approval, timer, settle, outcome });
    this.bus.broadcast('exec.approval.requested', approval);
    return { approval, outcome };
  }

  /** A person's decision; a repeat of the same decision is accepted, a different one is not. */
  resolve(id: string, decision: string, resolvedBy: ApprovalActor): ApprovalOutcome {
    if (!isDecision(decision)) throw invalidRequest('invalid decision', { allowed: DECISIONS });
    const entry = this.pending.get(id);
    if (!entry) {
      const record = this.repository.approval(id);
      if (record?.status === 'resolved') {
        if (record.decision === decision) {
          return { id, decision: decision as Decision, createdAtMs: record.createdAtMs, expiresAtMs: record.expiresAtMs, ...(record.resolvedByActor ? { resolvedBy: record.resolvedByActor } : {}) };
        }
        throw invalidRequest('approval already resolved', { id, decision: record.decision });
      }
      throw notFound(id);
    }
    if (entry.request.unavailableDecisions?.includes(decision as Decision)) {
      throw invalidRequest(`decision ${decision} is not available for this approval`);
    }
    const outcome: ApprovalOutcome = { id, decision: decision as Decision, createdAtMs: entry.createdAtMs, expiresAtMs: entry.expiresAtMs, resolvedBy };
    this.finish(entry, 'resolved', outcome);
    return outcome;
  }

  /** The run that asked went away (abort): the question no longer needs an answer. */
  cancel(id: string): void {
    const entry = this.pending.get(id);
    if (entry) this.finish(entry, 'cancelled', { id, decision: null, createdAtMs: entry.createdAtMs, expiresAtMs: entry.expiresAtMs, reason: 'cancelled' });
  }

  waitFor(id: string): Promise<ApprovalOutcome> | undefined {
    return this.pending.get(id)?.outcome;
  }

  private expire(id: string): void {
    const entry = this.pending.get(id);
    if (entry) this.finish(entry, 'expired', { id, decision: null, createdAtMs: entry.createdAtMs, expiresAtMs: entry.expiresAtMs, reason: 'expired' });
  }

  private finish(entry: Entry, status: 'resolved' | 'expired' | 'cancelled', outcome: ApprovalOutcome): void {
    clearTimeout(entry.timer);
    this.pending.delete(entry.id);
    this.repository.finishApproval(entry.id, status, outcome.decision ?? undefined, outcome.resolvedBy, this.now());
    this.bus.broadcast('exec.approval.resolved', {
      id: entry.id,
      decision: outcome.decision,
      resolvedBy: outcome.resolvedBy ? actorId(outcome.resolvedBy) : null,
      resolvedByActor: outcome.resolvedBy ?? null,
      ts: this.now(),
      request: entry.request,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
    });
    entry.settle(outcome);
  }

  /** Gateway shutdown: nobody will answer pending approvals any more. */
  close(): void {
    for (const entry of [...this.pending.values()]) {
      this.finish(entry, 'cancelled', { id: entry.id, decision: null, createdAtMs: entry.createdAtMs, expiresAtMs: entry.expiresAtMs, reason: 'cancelled' });
    }
  }
}
