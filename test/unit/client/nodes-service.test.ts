import { describe, expect, it } from 'vitest';
import { describeNode, nodeName, nodePresence, readNodes } from '../../../client/nodes/nodes-service.js';

const node = { nodeId: 'node-abcdef1234567890', displayName: 'Phone', platform: 'ios', caps: ['camera'], commands: ['camera.snap'], paired: true, connected: false, lastSeenAtMs: 1_000 };

describe('the Nodes page reader', () => {
  it('lists nodes and counts pending node pairing only where node.pair.list is served', async () => {
    const asked: string[] = [];
    const request = async (method: string) => {
      asked.push(method);
      if (method === 'node.list') return { ts: 5, nodes: [node] };
      if (method === 'node.pair.list') return { pending: [{ requestId: 'r1', nodeId: 'n2', ts: 1 }], paired: [] };
      throw new Error(`unexpected ${method}`);
    };
    expect(await readNodes(request, ['node.list', 'node.pair.list'])).toEqual({ nodes: [node], pendingPairing: 1 });
    asked.length = 0;
    expect(await readNodes(request, ['node.list'])).toEqual({ nodes: [node] });
    expect(asked).toEqual(['node.list']);
  });

  it('a failed pairing count hides only the count; a malformed node list is an error naming the method', async () => {
    const view = await readNodes(async (method) => {
      if (method === 'node.list') return { ts: 5, nodes: [] };
      throw new Error('missing scope: operator.pairing');
    }, ['node.list', 'node.pair.list']);
    expect(view).toEqual({ nodes: [] });
    await expect(readNodes(async () => ({ nodes: 'many' }), ['node.list'])).rejects.toThrow(/node\.list answered in an unexpected shape/);
  });

  it('describes one node by id', async () => {
    const seen: unknown[] = [];
    const described = await describeNode(async (method, params) => {
      seen.push([method, params]);
      return { ts: 9, ...node, version: '1.2.3' };
    }, node.nodeId);
    expect(seen).toEqual([['node.describe', { nodeId: node.nodeId }]]);
    expect(described.version).toBe('1.2.3');
  });

  it('names a node and says when it was last seen', () => {
    expect(nodeName(node)).toBe('Phone');
    expect(nodeName({ nodeId: 'node-abcdef1234567890' })).toBe('node-abcdef1');
    expect(nodePresence({ connected: true }, 0)).toBe('Connected');
    expect(nodePresence({ connected: false }, 0)).toBe('Never connected');
    expect(nodePresence({ connected: false, lastSeenAtMs: 0 }, 5 * 60_000)).toBe('Last seen 5 min ago');
    expect(nodePresence({ connected: false, lastSeenAtMs: 0 }, 3 * 86_400_000)).toBe('Last seen 3 days ago');
  });
});
