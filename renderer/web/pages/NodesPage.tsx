import { useCallback, useState } from 'react';
import { describeNode, nodeName, nodePresence, readNodes } from '../../../client/nodes/nodes-service';
import { describeFailure } from '../../../client/describe-failure';
import type { NodeDescribeResult, NodeRow } from '../../../shared/protocol/nodes/results';
import { Notice } from '../../components/Notice';
import type { GatewaySession } from '../gateway-session';
import { Loading, PageFrame } from './PageFrame';
import { useGatewayRead } from '../../hooks/useGatewayRead';

function NameList({ label, names }: { label: string; names: readonly string[] }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{names.length === 0 ? <span className="muted">none</span> : <span className="mono">{names.join(', ')}</span>}</dd>
    </div>
  );
}

function NodeDetails({ node }: { node: NodeDescribeResult }) {
  const facts: [string, string | undefined][] = [
    ['Node id', node.nodeId],
    ['Version', node.version],
    ['Device', [node.deviceFamily, node.modelIdentifier].filter(Boolean).join(' · ') || undefined],
    ['Address', node.remoteIp],
    ['Connected since', node.connectedAtMs === undefined ? undefined : new Date(node.connectedAtMs).toLocaleString()],
    ['Approved', node.approvedAtMs === undefined ? undefined : new Date(node.approvedAtMs).toLocaleString()],
  ];
  return (
    <dl className="page-facts" data-testid="node-details">
      {facts
        .filter((fact): fact is [string, string] => fact[1] !== undefined)
        .map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd className={term === 'Node id' ? 'mono' : undefined}>{value}</dd>
          </div>
        ))}
      {node.permissions !== undefined && (
        <NameList
          label="Permissions granted"
          names={Object.entries(node.permissions)
            .filter(([, granted]) => granted)
            .map(([name]) => name)}
        />
      )}
    </dl>
  );
}

export function NodesPage({ session }: { session: GatewaySession }) {
  const read = useCallback(() => readNodes(session.request, session.methods), [session]);
  const view = useGatewayRead(read);
  const canDescribe = session.methods.includes('node.describe');
  const [details, setDetails] = useState<Record<string, NodeDescribeResult | string>>({});
  const now = Date.now();

  const toggle = async (node: NodeRow) => {
    if (details[node.nodeId] !== undefined) {
      setDetails(({ [node.nodeId]: _gone, ...rest }) => rest);
      return;
    }
    try {
      const described = await describeNode(session.request, node.nodeId);
      setDetails((current) => ({ ...current, [node.nodeId]: described }));
    } catch (error) {
      setDetails((current) => ({ ...current, [node.nodeId]: describeFailure(error) }));
    }
  };

  return (
    <PageFrame name="nodes" title="Nodes" onRefresh={() => void view.reload()} refreshing={view.loading}>
      {view.problem !== undefined && <Notice tone="error">Could not list nodes: {view.problem}</Notice>}
      {view.value?.pendingPairing !== undefined && view.value.pendingPairing > 0 && (
        <Notice tone="info">
          {view.value.pendingPairing === 1 ? 'A node is' : `${view.value.pendingPairing} nodes are`} waiting to be paired: approve or reject on the{' '}
          <a href="#pairing">Pairing page</a>.
        </Notice>
      )}
      {view.value === undefined ? (
        view.problem === undefined && <Loading />
      ) : view.value.nodes.length === 0 ? (
        <p className="muted">No nodes yet. A node (a phone, a desktop helper) appears here once it connects and is paired.</p>
      ) : (
        <ul className="page-list" data-testid="nodes-list">
          {view.value.nodes.map((node) => {
            const detail = details[node.nodeId];
            return (
              <li key={node.nodeId} className="page-card" data-testid="node-row">
                <div className="page-card__head">
                  <h2 className="page-card__title">{nodeName(node)}</h2>
                  <span className={`badge${node.connected ? '' : ' badge--quiet'}`}>{nodePresence(node, now)}</span>
                </div>
                <dl className="page-facts">
                  <div>
                    <dt>Platform</dt>
                    <dd>{node.platform ?? '—'}</dd>
                  </div>
                  <div>
                    <dt>Paired</dt>
                    <dd>{node.paired ? 'Yes' : 'No'}</dd>
                  </div>
                  <NameList label="Capabilities" names={node.caps} />
                  <NameList label="Commands" names={node.commands} />
                </dl>
                {canDescribe && (
                  <div className="page-actions">
                    <button type="button" className="button button--small" aria-expanded={detail !== undefined && typeof detail !== 'string'} onClick={() => void toggle(node)}>
                      {detail === undefined ? 'Details' : 'Hide details'}
                    </button>
                  </div>
                )}
                {typeof detail === 'string' ? <Notice tone="error">Could not describe this node: {detail}</Notice> : detail !== undefined && <NodeDetails node={detail} />}
              </li>
            );
          })}
        </ul>
      )}
    </PageFrame>
  );
}
