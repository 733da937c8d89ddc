import { randomUUID } from 'node:crypto';
import { isRecord, type SoakClient } from '../soak-client.js';

/** The command the soak node declares and the operator invokes (harmless, not on the dangerous list). */
export const NODE_COMMAND = 'device.info';

/**
 * One `node.invoke` from the operator to the soak node (node-host.ts answers it), checking that
 * the node's answer for this very call comes back.
 */
export function nodeInvoke(operator: SoakClient, nodeId: string, timeoutMs: number): (n: number) => Promise<void> {
  return async (n) => {
    const params = { n };
    const payload = await operator.call(
      'node.invoke',
      { nodeId, command: NODE_COMMAND, params, timeoutMs: Math.max(1_000, timeoutMs - 1_000), idempotencyKey: `soak-invoke-${n}-${randomUUID()}` },
      timeoutMs,
    );
    if (!isRecord(payload) || payload.ok !== true) throw new Error(`node.invoke answered ${JSON.stringify(payload)}`);
    const echoed = isRecord(payload.payload) ? payload.payload.echo : undefined;
    if (echoed !== JSON.stringify(params)) throw new Error(`node.invoke #${n} got the answer to ${JSON.stringify(echoed)}`);
  };
}
