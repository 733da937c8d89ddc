import type { Logger } from 'pino';
import type { GatehouseConfig } from '../../core/config/index.js';
import type { EventBus } from '../../core/events/event-bus.js';
import type { Database } from '../../core/store/database.js';
import type { TurnToolProvider } from '../../agent/turn-tools.js';
import { ExecApprovalQueue } from './approval-queue.js';
import { ApprovalsDocuments } from './approvals-documents.js';
import { ExecApprovalsRepository } from './exec-approvals-repository.js';
import { createExecToolProvider } from './exec-tool/exec-tool.js';

/** Exec approvals as the rest of the gateway uses them: the queue, the policy documents, the agent's exec tool. */
export interface ExecApprovals {
  readonly repository: ExecApprovalsRepository;
  readonly queue: ExecApprovalQueue;
  readonly documents: ApprovalsDocuments;
  /** The `exec` tool the agent runtime offers the model, gated by the queue and the documents. */
  readonly tools: TurnToolProvider;
}

export function createExecApprovals(deps: {
  database: Database;
  bus: EventBus;
  logger: Logger;
  config: () => GatehouseConfig;
  approverCount: () => number;
}): ExecApprovals {
  const repository = new ExecApprovalsRepository(deps.database);
  const queue = new ExecApprovalQueue(repository, deps.bus, deps.approverCount);
  const documents = new ApprovalsDocuments(repository);
  const tools = createExecToolProvider({ approvals: queue, documents, config: deps.config, logger: deps.logger });
  return { repository, queue, documents, tools };
}
