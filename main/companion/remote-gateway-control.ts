/**
 * A gateway at a URL that Gatehouse does not run (Settings → "Attach to a gateway at a URL"),
 * behind the same face as the supervisor: its state follows the operator connection, `start`
 * and `retry` connect, and `stop`/`restart` are refused like for any gateway started elsewhere.
 *
 *   connected                      → attached
 *   connecting, or retrying itself → starting
 *   paused (needs the person)      → error, with the next step as detail
 *   disconnected, not retrying     → stopped
 */
import type { OperatorConnection } from '../operator/operator-connection.js';
import type { OperatorStatus } from '../../client/operator/operator-status.js';
import type { GatewayOutputLog } from '../supervisor/gateway-output-log.js';
import type { GatewayState, IntentResult, SupervisorIntent, SupervisorStatus, SupervisorStatusListener } from '../supervisor/supervisor-status.js';
import type { GatewayControl } from './gateway-link.js';

export interface RemoteGatewayControlOptions {
  url: string;
  operator: OperatorConnection;
  log: GatewayOutputLog;
  /** How long `start` waits for the connection to settle. */
  connectTimeoutMs?: number;
  now?: () => number;
}

export class RemoteGatewayControl implements GatewayControl {
  readonly url: string;
  readonly log: GatewayOutputLog;
  readonly #operator: OperatorConnection;
  readonly #listeners = new Set<SupervisorStatusListener>();
  readonly #now: () => number;
  readonly #connectTimeoutMs: number;
  readonly #unsubscribe: () => void;
  #status: SupervisorStatus;

  constructor(options: RemoteGatewayControlOptions) {
    this.url = options.url;
    this.log = options.log;
    this.#operator = options.operator;
    this.#now = options.now ?? Date.now;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 15_000;
    this.#status = { state: 'stopped', url: this.url, since: this.#now() };
    this.#unsubscribe = this.#operator.onStatus((status) => this.#follow(status));
  }

  get status(): SupervisorStatus {
    return this.#status;
  }

  subscribe(listener: SupervisorStatusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async start(): Promise<IntentResult> {
    return this.#connect('start');
  }

  async retry(): Promise<IntentResult> {
    return this.#connect('retry');
  }

  async stop(): Promise<IntentResult> {
    return this.#refuse('stop');
  }

  async restart(): Promise<IntentResult> {
    return this.#refuse('restart');
  }

  dispose(): void {
    this.#unsubscribe();
    this.#listeners.clear();
  }

  async #connect(intent: SupervisorIntent): Promise<IntentResult> {
    this.log.append('supervisor', `connecting to the gateway at ${this.url}`);
    const settled = this.#waitForSettled();
    await this.#operator.reconnect();
    const status = await settled;
    if (status?.kind === 'connected') return { intent, outcome: 'done', state: this.#status.state };
    const message =
      status?.kind === 'paused' ? status.nextStep.message : `no connection to ${this.url} within ${Math.round(this.#connectTimeoutMs / 1000)} s`;
    return { intent, outcome: 'failed', state: this.#status.state, message };
  }

  #refuse(intent: SupervisorIntent): IntentResult {
    return {
      intent,
      outcome: 'refused',
      state: this.#status.state,
      message: `the gateway at ${this.url} runs elsewhere, so Gatehouse will not ${intent} it; ${intent} it where it runs`,
    };
  }

  #waitForSettled(): Promise<OperatorStatus | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(undefined);
      }, this.#connectTimeoutMs);
      const off = this.#operator.onStatus((status) => {
        if (status.kind !== 'connected' && status.kind !== 'paused') return;
        clearTimeout(timer);
        off();
        resolve(status);
      });
    });
  }

  #follow(status: OperatorStatus): void {
    switch (status.kind) {
      case 'connected':
        this.#set('attached', `connected to the gateway at ${this.url}`);
        return;
      case 'connecting':
        this.#set('starting', `connecting to the gateway at ${this.url}`);
        return;
      case 'paused':
        this.#set('error', status.nextStep.message);
        return;
      case 'disconnected':
        if (status.willRetry) this.#set('starting', `reconnecting${status.lastError ? ` (${status.lastError})` : ''}`);
        else this.#set('stopped');
        return;
    }
  }

  #set(state: GatewayState, detail?: string): void {
    const current = this.#status;
    if (current.state === state && current.detail === detail) return;
    this.#status = {
      state,
      url: this.url,
      since: current.state === state ? current.since : this.#now(),
      ...(detail === undefined ? {} : { detail }),
    };
    for (const listener of [...this.#listeners]) listener(this.#status);
  }
}
