/**
 * The approval prompt shows one request at a time: the oldest one the person has not decided
 * or set aside (an expired request can be dismissed to reach the next).
 */
import type { ApprovalView } from '../../shared/ipc/contract.js';

export interface ApprovalQueuePosition {
  current: ApprovalView | undefined;
  /** 1-based position of `current` among the requests still shown, and how many there are. */
  index: number;
  total: number;
}

export function currentApproval(list: readonly ApprovalView[], setAside: ReadonlySet<string>): ApprovalQueuePosition {
  const open = list
    .filter((approval) => !setAside.has(approval.id))
    .sort((a, b) => a.createdAtMs - b.createdAtMs || a.id.localeCompare(b.id));
  return { current: open[0], index: open.length === 0 ? 0 : 1, total: open.length };
}
