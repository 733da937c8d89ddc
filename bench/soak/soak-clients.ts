import { NodeHost } from './node-host.js';
import type { ProtocolProblems } from './protocol-problems.js';
import { SoakClient } from './soak-client.js';

/**
 * The clients that stay connected for the whole run, each with only the scopes its job needs:
 * - operator (default scopes: operator.admin): chat.send, node.invoke, config edits, node pairing,
 *   and the final logs.tail;
 * - requester (operator.approvals): asks for exec approvals;
 * - approver (operator.approvals + operator.read, with a display name, as the tray is): answers them;
 * - the node (node-host.ts).
 */
export interface SoakClients {
  operator: SoakClient;
  requester: SoakClient;
  approver: SoakClient;
  node: NodeHost;
}

export async function connectSoakClients(url: string, token: string, problems: ProtocolProblems, timeoutMs: number): Promise<SoakClients> {
  const opened: { close(): Promise<void> }[] = [];
  const open = async <T extends { close(): Promise<void> }>(connecting: Promise<T>): Promise<T> => {
    const client = await connecting;
    opened.push(client);
    return client;
  };
  try {
    const operator = await open(SoakClient.connect(url, { label: 'operator', token, client: { id: 'soak-operator', mode: 'backend' }, timeoutMs }, problems));
    const requester = await open(
      SoakClient.connect(url, { label: 'requester', token, scopes: ['operator.approvals'], client: { id: 'soak-requester', mode: 'backend' }, timeoutMs }, problems),
    );
    const approver = await open(
      SoakClient.connect(
        url,
        { label: 'approver', token, scopes: ['operator.approvals', 'operator.read'], client: { id: 'soak-approver', mode: 'ui', displayName: 'Soak approver' }, timeoutMs },
        problems,
      ),
    );
    const node = await open(NodeHost.start(url, token, operator, problems, timeoutMs));
    return { operator, requester, approver, node };
  } catch (error) {
    await Promise.all(opened.map((client) => client.close()));
    throw error;
  }
}

export async function closeSoakClients(clients: SoakClients): Promise<void> {
  await Promise.all([clients.node.close(), clients.approver.close(), clients.requester.close(), clients.operator.close()]);
}
