/** Someone wants the agent to look at its main session: a cron system event, `wake`, a node. */
export interface WakeRequest {
  readonly reason: string;
  /** Absent: the default agent. */
  readonly agentId?: string;
  /** `now`: run a heartbeat turn at once; `next-heartbeat`: leave it for the next scheduled one. */
  readonly mode: 'now' | 'next-heartbeat';
}

/**
 * Wake requests between features: whoever queues work for the main session asks here, and the
 * heartbeat feature, which decides when the agent runs on its own, listens.
 */
export class WakeRequests {
  private readonly listeners = new Set<(request: WakeRequest) => void>();

  request(request: WakeRequest): void {
    for (const listener of this.listeners) listener(request);
  }

  subscribe(listener: (request: WakeRequest) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
