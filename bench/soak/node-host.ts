import { createDeviceIdentity } from './device-identity.js';
import { NODE_COMMAND } from './operations/node-invoke.js';
import type { ProtocolProblems } from './protocol-problems.js';
import { isRecord, SoakClient } from './soak-client.js';

/**
 * The soak's node: connects with role node and its own device, is paired the way an operator
 * pairs one (node.pair.requested → node.pair.approve → node.pair.resolved, as
 * test/integration/nodes.test.ts does), then answers every `node.invoke.request` with a
 * `node.invoke.result` that echoes the call's params.
 */
export class NodeHost {
  answered = 0;
  readonly failures: string[] = [];

  private constructor(
    readonly client: SoakClient,
    readonly nodeId: string,
    private readonly timeoutMs: number,
  ) {
    client.on('node.invoke.request', (payload) => this.answer(payload));
  }

  /** Connects the node and has `pairer` (operator.pairing + operator.write) approve its command. */
  static async start(url: string, token: string, pairer: SoakClient, problems: ProtocolProblems, timeoutMs: number): Promise<NodeHost> {
    const device = createDeviceIdentity();
    const requested = pairer.waitForEvent('node.pair.requested', (payload) => isRecord(payload) && payload.nodeId === device.id, timeoutMs);
    const client = await SoakClient.connect(
      url,
      {
        label: 'node',
        token,
        device,
        role: 'node',
        scopes: [],
        client: { id: 'node-host', mode: 'node', displayName: 'Soak node' },
        caps: ['system'],
        commands: [NODE_COMMAND],
        timeoutMs,
      },
      problems,
    );
    try {
      const request = await requested;
      const requestId = isRecord(request) ? request.requestId : undefined;
      const resolved = client.waitForEvent('node.pair.resolved', (payload) => isRecord(payload) && payload.requestId === requestId, timeoutMs);
      await pairer.call('node.pair.approve', { requestId }, timeoutMs);
      const outcome = await resolved;
      if (!isRecord(outcome) || outcome.decision !== 'approved') throw new Error(`node pairing ended ${JSON.stringify(outcome)}`);
      return new NodeHost(client, device.id, timeoutMs);
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private answer(payload: unknown): void {
    if (!isRecord(payload) || typeof payload.id !== 'string') {
      this.failures.push(`node.invoke.request without an id: ${JSON.stringify(payload)}`);
      return;
    }
    const result = { id: payload.id, nodeId: this.nodeId, ok: true, payloadJSON: JSON.stringify({ echo: payload.paramsJSON }) };
    this.client.call('node.invoke.result', result, this.timeoutMs).then(
      () => (this.answered += 1),
      (error: unknown) => this.failures.push(error instanceof Error ? error.message : String(error)),
    );
  }
}
