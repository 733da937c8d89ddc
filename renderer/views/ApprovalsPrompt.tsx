import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApprovalDecision, ApprovalView, GatehouseBridge } from '../../shared/ipc/contract';
import { Notice } from '../components/Notice';
import { ViewFrame } from '../components/ViewFrame';
import { useAppInfo } from '../hooks/useAppInfo';
import { isArrayOf, isRecord, useLiveValue } from '../hooks/useLiveValue';
import { currentApproval } from '../state/approval-queue';
import { strings } from '../strings';
import { ApprovalCard } from './ApprovalCard';

export interface ApprovalsPromptProps {
  bridge: GatehouseBridge | undefined;
}

const isApprovalList = isArrayOf<ApprovalView>(
  (item) => isRecord(item) && typeof item['id'] === 'string' && typeof item['command'] === 'string' && Array.isArray(item['decisions']),
);
const loadApprovals = (bridge: GatehouseBridge) => bridge.invoke('approvals:list');

/**
 * The approval prompt: one pending command at a time, oldest first. It never decides by itself:
 * an approval that expires stays on screen as expired until main drops it or the person
 * dismisses it, so the next request never slides under a pointer or a key press.
 */
export function ApprovalsPrompt({ bridge }: ApprovalsPromptProps) {
  const live = useLiveValue(bridge, 'approvals:changed', loadApprovals, isApprovalList);
  const appInfo = useAppInfo(bridge);
  const mac = appInfo.status === 'ready' && appInfo.info.platform === 'darwin';
  // Decided here (awaiting main's next list) or dismissed after expiry.
  const [setAside, setSetAside] = useState<ReadonlySet<string>>(() => new Set());
  const list = live.status === 'ready' ? live.value : [];
  const { current, index, total } = currentApproval(list, setAside);

  // Forget ids main no longer lists, so the set stays small.
  const listIds = list.map((approval) => approval.id).join('\n');
  const listRef = useRef(list);
  listRef.current = list;
  useEffect(() => {
    setSetAside((previous) => {
      const ids = new Set(listRef.current.map((approval) => approval.id));
      const kept = [...previous].filter((id) => ids.has(id));
      return kept.length === previous.size ? previous : new Set(kept);
    });
  }, [listIds]);

  const putAside = useCallback((id: string) => setSetAside((previous) => new Set(previous).add(id)), []);
  const resolve = useCallback(
    (id: string, decision: ApprovalDecision) =>
      bridge ? bridge.invoke('approvals:resolve', { id, decision }) : Promise.resolve({ ok: false }),
    [bridge],
  );

  return (
    <ViewFrame
      name="approvals"
      title={strings.approvals.title}
      bridge={bridge}
      aside={total > 1 ? <span className="badge">{strings.approvals.position(index, total)}</span> : undefined}
    >
      {live.status === 'loading' && <p className="muted">{strings.common.loading}</p>}
      {live.status === 'failed' && bridge !== undefined && <Notice tone="error">{strings.common.loadFailed}</Notice>}
      {live.status === 'ready' && current === undefined && <p className="empty">{strings.approvals.none}</p>}
      {current !== undefined && (
        <ApprovalCard key={current.id} approval={current} mac={mac} resolve={resolve} onDone={putAside} />
      )}
    </ViewFrame>
  );
}
