/**
 * A GatewayLink without a gateway, for the controller's unit tests: a control whose status the
 * test sets, and an operator that records every request and answers from a script.
 */
import type { GatewayControl, GatewayLink, LinkTarget } from '../../../main/companion/gateway-link.js';
import type { OperatorConnection, RawGatewayEvent } from '../../../main/operator/operator-connection.js';
import type { OperatorEventName, OperatorEventPayload } from '../../../client/operator/operator-schemas.js';
import { OperatorSnapshotStore } from '../../../client/operator/operator-snapshot.js';
import type { OperatorStatus } from '../../../client/operator/operator-status.js';
import { GatewayOutputLog } from '../../../main/supervisor/gateway-output-log.js';
import type { IntentResult, SupervisorIntent, SupervisorStatus, SupervisorStatusListener } from '../../../main/supervisor/supervisor-status.js';

export class FakeOperator {
  readonly snapshot = new OperatorSnapshotStore();
  readonly requests: { method: string; params: unknown }[] = [];
  status: OperatorStatus = { kind: 'connected', protocol: 4, serverVersion: 'test', scopes: [], since: 0 };
  answer: (method: string, params: unknown) => unknown = () => ({ ok: true });
  /** hello-ok `features.methods`. */
  methods: readonly string[] = [];
  readonly #status = new Set<(status: OperatorStatus) => void>();
  readonly #events = new Map<string, Set<(payload: never) => void>>();
  readonly #any = new Set<(event: RawGatewayEvent) => void>();

  async request(method: string, params: unknown): Promise<unknown> {
    this.requests.push({ method, params });
    if (this.status.kind !== 'connected') throw new Error(`not connected to the gateway (${this.status.kind})`);
    return this.answer(method, params);
  }
  onStatus(listener: (status: OperatorStatus) => void): () => void {
    this.#status.add(listener);
    return () => this.#status.delete(listener);
  }
  onEvent<E extends OperatorEventName>(event: E, listener: (payload: OperatorEventPayload<E>) => void): () => void {
    const set = this.#events.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.#events.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }
  onAnyEvent(listener: (event: RawGatewayEvent) => void): () => void {
    this.#any.add(listener);
    return () => this.#any.delete(listener);
  }
  setStatus(status: OperatorStatus): void {
    this.status = status;
    for (const listener of [...this.#status]) listener(status);
  }
  emit<E extends OperatorEventName>(event: E, payload: OperatorEventPayload<E>): void {
    for (const listener of [...this.#any]) listener({ event, payload });
    this.snapshot.applyEvent(event, payload);
    for (const listener of [...(this.#events.get(event) ?? [])]) (listener as (payload: OperatorEventPayload<E>) => void)(payload);
  }
  emitRaw(event: string, payload: unknown): void {
    for (const listener of [...this.#any]) listener({ event, payload });
  }
  async stop(): Promise<void> {}
  async reconnect(): Promise<void> {}
}

export class FakeControl implements GatewayControl {
  readonly url = 'ws://127.0.0.1:18789';
  readonly log = new GatewayOutputLog({ ringSize: 20 });
  readonly intents: SupervisorIntent[] = [];
  status: SupervisorStatus = { state: 'running', url: this.url, since: 1, pid: 4242 };
  outcome: IntentResult['outcome'] = 'done';
  readonly #listeners = new Set<SupervisorStatusListener>();

  subscribe(listener: SupervisorStatusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  setStatus(status: Partial<SupervisorStatus>): void {
    this.status = { ...this.status, ...status };
    for (const listener of [...this.#listeners]) listener(this.status);
  }
  #run(intent: SupervisorIntent): Promise<IntentResult> {
    this.intents.push(intent);
    return Promise.resolve({ intent, outcome: this.outcome, state: this.status.state, ...(this.outcome === 'done' ? {} : { message: `${intent} did not work` }) });
  }
  start = () => this.#run('start');
  stop = () => this.#run('stop');
  restart = () => this.#run('restart');
  retry = () => this.#run('retry');
}

export interface FakeLinks {
  factory: (target: LinkTarget) => GatewayLink;
  targets: LinkTarget[];
  links: { control: FakeControl; operator: FakeOperator; closed: { stopGateway: boolean }[]; target: LinkTarget }[];
  current(): { control: FakeControl; operator: FakeOperator };
}

export function fakeLinks(token = 'fake-gateway-token-0123456789'): FakeLinks {
  const targets: LinkTarget[] = [];
  const links: FakeLinks['links'] = [];
  return {
    targets,
    links,
    current: () => links.at(-1)!,
    factory(target) {
      targets.push(target);
      const entry = { control: new FakeControl(), operator: new FakeOperator(), closed: [] as { stopGateway: boolean }[], target };
      links.push(entry);
      return {
        mode: target.mode,
        control: entry.control,
        operator: entry.operator as unknown as OperatorConnection,
        token: target.mode === 'local' ? token : target.token,
        stateDir: target.mode === 'local' ? '/tmp/fake-state' : undefined,
        canLeaveGatewayRunning: target.mode === 'local',
        async close(options) {
          entry.closed.push(options);
        },
      };
    },
  };
}
