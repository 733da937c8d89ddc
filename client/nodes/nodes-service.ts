/**
 * The Control UI's Nodes page, free of any platform: the nodes the gateway knows (`node.list`),
 * one node in full (`node.describe`), and how many node pairing requests wait — those are
 * approved on the Pairing page, which already lists them, so this page only points there.
 */
import { NodesResults, type NodeDescribeResult, type NodeRow } from '../../shared/protocol/nodes/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';
import type { GatewayRequest } from '../gateway-request.js';
import { parsed } from '../parse-answer.js';

const listResult = compileSchema(NodesResults['node.list']);
const describeResult = compileSchema(NodesResults['node.describe']);
const pairListResult = compileSchema(NodesResults['node.pair.list']);

export interface NodesView {
  nodes: NodeRow[];
  /** Node pairing requests waiting; undefined when the gateway does not serve `node.pair.list`. */
  pendingPairing?: number;
}

export async function readNodes(request: GatewayRequest, methods: readonly string[]): Promise<NodesView> {
  const [list, pending] = await Promise.all([
    request('node.list', {}),
    methods.includes('node.pair.list') ? request('node.pair.list', {}).catch(() => undefined) : Promise.resolve(undefined),
  ]);
  const nodes = parsed('node.list', listResult, list).nodes;
  // A failed pairing count hides only the count: the node list is what the page is for.
  const pendingPairing = pending === undefined || !pairListResult.check(pending) ? undefined : pending.pending.length;
  return { nodes, ...(pendingPairing === undefined ? {} : { pendingPairing }) };
}

export async function describeNode(request: GatewayRequest, nodeId: string): Promise<NodeDescribeResult> {
  return parsed('node.describe', describeResult, await request('node.describe', { nodeId }));
}

/** The name a person knows a node by. */
export function nodeName(node: Pick<NodeRow, 'nodeId' | 'displayName'>): string {
  return node.displayName?.trim() || node.nodeId.slice(0, 12);
}

/** "connected", or when it was last seen, relative to `now`. */
export function nodePresence(node: Pick<NodeRow, 'connected' | 'lastSeenAtMs'>, now: number): string {
  if (node.connected) return 'Connected';
  if (node.lastSeenAtMs === undefined) return 'Never connected';
  return `Last seen ${agoText(now - node.lastSeenAtMs)}`;
}

function agoText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
