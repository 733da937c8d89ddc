import { ReconnectingClients } from './operations/reconnects.js';
import type { ProtocolProblems } from './protocol-problems.js';
import { PRIMING_FIRST_N, PRIMING_ROUNDS, TRAFFIC } from './settings.js';
import { closeSoakClients, connectSoakClients } from './soak-clients.js';
import { inner, soakOperations } from './traffic.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One round of every kind of traffic, one operation after another, on clients of its own that
 * then leave. The gateway opens some descriptors on first use and keeps them (a second SQLite
 * connection, the config watcher's inotify, libuv's io_uring, eventfd and epoll, …), so an idle
 * reading taken before any traffic lacks them and cannot be compared with the idle reading after
 * the run. The soak's idle baseline is read after this round: what the run leaves beyond it is
 * the run's.
 */
export async function primeGateway(url: string, token: string, problems: ProtocolProblems, timeoutMs: number): Promise<void> {
  const clients = await connectSoakClients(url, token, problems, timeoutMs);
  const reconnecting = new ReconnectingClients(url, token, problems, inner(TRAFFIC.reconnect.timeoutMs));
  try {
    for (const spec of soakOperations(clients, reconnecting)) {
      for (let round = 0; round < PRIMING_ROUNDS[spec.name]; round += 1) {
        const n = PRIMING_FIRST_N + round;
        try {
          await spec.run(n);
        } catch (error) {
          throw new Error(`priming round: ${spec.name} #${n}: ${messageOf(error)}`, { cause: error });
        }
      }
    }
  } finally {
    await reconnecting.closeAll();
    await closeSoakClients(clients);
  }
}
