import { createTestDevice, type TestDevice } from './device-keys.js';
import { connectClient, type ConnectOptions, type Frame, type RawClient } from './protocol-client.js';

export interface TestNode {
  client: RawClient;
  device: TestDevice;
  nodeId: string;
  hello: Frame;
}

export interface NodeOptions extends Omit<ConnectOptions, 'role' | 'scopes' | 'device'> {
  device?: TestDevice;
  displayName?: string;
}

/** Connects a node the way a real node host does: role node, mode node, no scopes, a device. */
export async function connectNode(url: string, options: NodeOptions = {}): Promise<TestNode> {
  const device = options.device ?? createTestDevice();
  const { client, hello } = await connectClient(url, {
    ...options,
    role: 'node',
    scopes: [],
    device,
    client: {
      id: 'node-host',
      mode: 'node',
      platform: 'linux',
      ...(options.displayName ? { displayName: options.displayName } : {}),
      ...options.client,
    },
  });
  return { client, device, nodeId: device.id, hello };
}

/** The next `node.invoke.request` this node receives (one that had not arrived yet). */
export function nextInvoke(node: TestNode, timeoutMs = 5_000): Promise<Frame> {
  return node.client.nextNew((frame) => frame.type === 'event' && frame.event === 'node.invoke.request', timeoutMs, 'node.invoke.request');
}
