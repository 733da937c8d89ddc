import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createExecToolProvider } from '../../gateway/features/exec-approvals/exec-tool/exec-tool.js';
import type { ApprovalActor } from '../../gateway/features/exec-approvals/approval-actor.js';
import { ExecApprovalQueue, type PendingApproval } from '../../gateway/features/exec-approvals/approval-queue.js';
import type { ApprovalsDocument } from '../../gateway/features/exec-approvals/approvals-document.js';
import { ApprovalsDocuments, GATEWAY_SCOPE } from '../../gateway/features/exec-approvals/approvals-documents.js';
import type { GatehouseConfig } from '../../gateway/core/config/index.js';
import type { EventBus } from '../../gateway/core/events/event-bus.js';
import { openDatabase } from '../../gateway/core/store/database.js';
import { ExecApprovalsRepository } from '../../gateway/features/exec-approvals/exec-approvals-repository.js';

export const TRAY: ApprovalActor = { deviceId: 'd'.repeat(64), clientId: 'gatehouse-tray', authMethod: 'device-token', label: 'Tray' };

/**
 * The real exec tool over a real (in-memory) approvals store and approval queue, with a person
 * played by the test: `nextApproval()` is the prompt the tray would show.
 */
export class ExecToolHarness {
  readonly workspace = mkdtempSync(join(tmpdir(), 'gatehouse-exec-'));
  readonly broadcasts: { event: string; payload: any }[] = [];
  readonly repository = new ExecApprovalsRepository(openDatabase(':memory:'));
  readonly documents = new ApprovalsDocuments(this.repository);
  readonly queue = new ExecApprovalQueue(
    this.repository,
    { broadcast: (event: string, payload: unknown) => this.broadcasts.push({ event, payload }) } as unknown as EventBus,
    () => 1,
  );
  private readonly tool = createExecToolProvider({
    approvals: this.queue,
    documents: this.documents,
    config: () => ({}) as GatehouseConfig,
    logger: pino({ level: 'silent' }),
  }).toolsFor({ runId: 'run-1', sessionKey: 'agent:main:s', agentId: 'main', workspace: this.workspace, abortSignal: new AbortController().signal }).exec!;
  private calls = 0;

  setDocument(document: ApprovalsDocument): void {
    const current = this.documents.get(GATEWAY_SCOPE);
    this.documents.set(GATEWAY_SCOPE, document, current.exists ? current.hash : undefined);
  }

  exec(input: { command: string; cwd?: string; env?: Record<string, string> }): Promise<any> {
    return this.tool.execute(input, { toolCallId: `call-${++this.calls}` });
  }

  /** The approval the next prompt shows, once the tool has asked. */
  async nextApproval(timeoutMs = 5_000): Promise<PendingApproval> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [pending] = this.queue.list();
      if (pending) return pending;
      if (Date.now() > deadline) throw new Error('the exec tool did not ask');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Runs an exec while a person answers its prompt (if it asks) with `decision`. */
  async execAnswering(input: { command: string; cwd?: string; env?: Record<string, string> }, decision: 'allow-once' | 'allow-always' | 'deny', by = TRAY) {
    let finished = false;
    const running = this.exec(input).finally(() => (finished = true));
    let approval: PendingApproval | undefined;
    while (!finished && approval === undefined) {
      approval = this.queue.list()[0];
      if (approval) this.queue.resolve(approval.id, decision, by);
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return { result: await running, approval };
  }

  close(): void {
    this.queue.close();
    rmSync(this.workspace, { recursive: true, force: true });
  }
}
