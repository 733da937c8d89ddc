import { randomUUID } from 'node:crypto';
import { invalidRequest } from '../../../shared/protocol/error-codes.js';
import type { ExecApprovalsRepository, ProvenanceRow } from './exec-approvals-repository.js';
import type { ApprovalActor } from './approval-actor.js';
import {
  DEFAULT_APPROVALS_DOCUMENT,
  approvalsDocumentValidator,
  documentHash,
  type AllowlistEntry,
  type ApprovalsDocument,
} from './approvals-document.js';

export const GATEWAY_SCOPE = 'gateway';

export interface DocumentSnapshot {
  scope: string;
  exists: boolean;
  hash: string;
  document: ApprovalsDocument;
}

/** The approvals documents kept in the store, changed only against the hash last read. */
export class ApprovalsDocuments {
  constructor(
    private readonly repository: ExecApprovalsRepository,
    private readonly now: () => number = Date.now,
  ) {}

  get(scope: string = GATEWAY_SCOPE): DocumentSnapshot {
    const stored = this.repository.document(scope);
    const document = stored && approvalsDocumentValidator.check(stored.document) ? stored.document : DEFAULT_APPROVALS_DOCUMENT;
    return { scope, exists: stored !== undefined, hash: documentHash(document), document };
  }

  set(scope: string, document: unknown, baseHash: string | undefined): DocumentSnapshot {
    const problem = approvalsDocumentValidator.firstError(document);
    if (problem !== null) throw invalidRequest(`invalid approvals file: ${problem}`);
    const current = this.get(scope);
    if (current.exists && baseHash === undefined) {
      throw invalidRequest('approvals base hash required; re-run exec.approvals.get and retry');
    }
    if (baseHash !== undefined && baseHash !== current.hash) {
      throw invalidRequest('approvals changed since last load; re-run exec.approvals.get and retry');
    }
    for (const agent of Object.values((document as ApprovalsDocument).agents ?? {})) {
      for (const entry of agent.allowlist ?? []) {
        if (entry.argPattern === undefined) continue;
        try {
          new RegExp(entry.argPattern);
        } catch {
          throw invalidRequest(`invalid argPattern for ${entry.pattern}: not a regular expression`);
        }
      }
    }
    const next = withEntryIds(document as ApprovalsDocument);
    this.repository.saveDocument(scope, next, this.now());
    return { scope, exists: true, hash: documentHash(next), document: next };
  }

  /**
   * allow-always: appends an entry for the agent and records who added it and when, and the
   * extra environment it was approved with (the entry then matches only that same environment).
   * The pin sits beside the entry in the store, not in it: the document keeps OpenClaw's shape.
   */
  addEntry(
    scope: string,
    agentId: string,
    entry: Omit<AllowlistEntry, 'id' | 'source'>,
    addedBy: ApprovalActor,
    pin: { approvalId?: string; env?: Record<string, string> } = {},
  ): string {
    const { document } = this.get(scope);
    const id = randomUUID();
    const agents = { ...(document.agents ?? {}) };
    const agent = { ...(agents[agentId] ?? {}) };
    agent.allowlist = [...(agent.allowlist ?? []), { ...entry, id, source: 'allow-always' }];
    agents[agentId] = agent;
    this.repository.saveDocument(scope, { ...document, agents }, this.now());
    this.repository.recordProvenance({
      entryId: id,
      scope,
      agentId,
      addedBy,
      addedAtMs: this.now(),
      ...(pin.approvalId ? { approvalId: pin.approvalId } : {}),
      ...(pin.env ? { env: pin.env } : {}),
    });
    return id;
  }

  /** Records the last use of an entry (lastUsedAt / lastUsedCommand), as OpenClaw does. */
  touchEntry(scope: string, agentId: string, entryId: string, command: string, resolvedPath: string | undefined): void {
    const { document, exists } = this.get(scope);
    if (!exists) return;
    const agent = document.agents?.[agentId];
    if (!agent?.allowlist?.some((entry) => entry.id === entryId)) return;
    const allowlist = agent.allowlist.map((entry) =>
      entry.id === entryId ? { ...entry, lastUsedAt: this.now(), lastUsedCommand: command, ...(resolvedPath ? { lastResolvedPath: resolvedPath } : {}) } : entry,
    );
    this.repository.saveDocument(scope, { ...document, agents: { ...document.agents, [agentId]: { ...agent, allowlist } } }, this.now());
  }

  provenance(scope: string = GATEWAY_SCOPE): Record<string, Omit<ProvenanceRow, 'entryId' | 'scope'>> {
    return Object.fromEntries(this.repository.provenance(scope).map(({ entryId, scope: _scope, ...row }) => [entryId, row]));
  }

  /** The environment each allow-always entry was pinned to; an entry not listed is pinned to none. */
  pinnedEnv(scope: string = GATEWAY_SCOPE): Map<string, Record<string, string>> {
    return new Map(this.repository.provenance(scope).flatMap((row) => (row.env ? [[row.entryId, row.env] as const] : [])));
  }
}

/** Every entry gets an id, so use and provenance can be tracked. */
function withEntryIds(document: ApprovalsDocument): ApprovalsDocument {
  if (!document.agents) return document;
  const agents = Object.fromEntries(
    Object.entries(document.agents).map(([id, agent]) => [
      id,
      agent.allowlist ? { ...agent, allowlist: agent.allowlist.map((entry) => (entry.id ? entry : { ...entry, id: randomUUID() })) } : agent,
    ]),
  );
  return { ...document, agents };
}
