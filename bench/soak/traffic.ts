import { chatRun } from './operations/chat-run.js';
import { configEdit } from './operations/config-edit.js';
import { execApproval } from './operations/exec-approval.js';
import { nodeInvoke } from './operations/node-invoke.js';
import type { ReconnectingClients } from './operations/reconnects.js';
import { PROVIDER, TRAFFIC } from './settings.js';
import type { SoakClients } from './soak-clients.js';
import type { OperationSpec } from './steady-schedule.js';

/** Per-request deadlines sit a second inside the operation's, so the request's own error is what gets reported. */
export function inner(timeoutMs: number): number {
  return timeoutMs - 1_000;
}

/** The soak's five kinds of traffic on these clients, with the rates and deadlines of settings.ts. */
export function soakOperations(clients: SoakClients, reconnecting: ReconnectingClients): OperationSpec[] {
  const { operator, requester, approver, node } = clients;
  return [
    { name: 'chat', ...TRAFFIC.chat, run: chatRun(operator, PROVIDER.tokens, inner(TRAFFIC.chat.timeoutMs)) },
    { name: 'approval', ...TRAFFIC.approval, run: execApproval(requester, approver, inner(TRAFFIC.approval.timeoutMs)) },
    { name: 'nodeInvoke', ...TRAFFIC.nodeInvoke, run: nodeInvoke(operator, node.nodeId, inner(TRAFFIC.nodeInvoke.timeoutMs)) },
    { name: 'reconnect', ...TRAFFIC.reconnect, run: (n) => reconnecting.reconnect(n) },
    { name: 'configEdit', ...TRAFFIC.configEdit, run: configEdit(operator, inner(TRAFFIC.configEdit.timeoutMs)) },
  ];
}
