/**
 * The gateway state the tray UI shows — pending pairing requests, paired devices, presence,
 * pending exec approvals — kept current from events and reloaded after every (re)connect,
 * because events sent while we were away are never replayed (spec §20).
 */
import type { DevicePairRequest } from '../../shared/protocol/devices/events.js';
import type { PairedDeviceListing } from '../../shared/protocol/devices/results.js';
import type { PendingExecApproval } from '../../shared/protocol/exec-approvals/events.js';
import type { PresenceEntry } from '../../shared/protocol/health/results.js';
import type { NodePairRequest } from '../../shared/protocol/nodes/events.js';
import type { GatewayRequest } from '../gateway-request.js';
import { operatorResults, type OperatorEventName, type OperatorEventPayload, type OperatorResult, type OperatorResultMethod } from './operator-schemas.js';

export interface OperatorSnapshot {
  /** Epoch ms when the last reload finished; null before the first one. */
  loadedAt: number | null;
  pendingPairings: DevicePairRequest[];
  pairedDevices: PairedDeviceListing[];
  /** Nodes waiting for capability approval; reloaded where hello-ok lists `node.pair.list`. */
  pendingNodePairings: NodePairRequest[];
  presence: PresenceEntry[];
  execApprovals: {
    pending: PendingExecApproval[];
    /**
     * True when the gateway lists `exec.approval.list` in hello-ok `features.methods`, so a
     * reconnect reloads the list. False: only approvals announced while connected are known.
     */
    reloadable: boolean;
  };
  /** What the last reload could not load, e.g. `device.pair.list: missing scope`. */
  problems: string[];
}

export const EMPTY_SNAPSHOT: OperatorSnapshot = {
  loadedAt: null,
  pendingPairings: [],
  pairedDevices: [],
  pendingNodePairings: [],
  presence: [],
  execApprovals: { pending: [], reloadable: false },
  problems: [],
};

export class OperatorSnapshotStore {
  #snapshot: OperatorSnapshot = EMPTY_SNAPSHOT;
  readonly #listeners = new Set<(snapshot: OperatorSnapshot) => void>();

  get(): OperatorSnapshot {
    return this.#snapshot;
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: (snapshot: OperatorSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  update(change: (current: OperatorSnapshot) => OperatorSnapshot): void {
    const next = change(this.#snapshot);
    if (next === this.#snapshot) return;
    this.#snapshot = next;
    for (const listener of [...this.#listeners]) listener(next);
  }

  /** Folds one validated event into the snapshot. */
  applyEvent<E extends OperatorEventName>(event: E, payload: OperatorEventPayload<E>): void {
    this.update((current) => snapshotAfterEvent(current, event, payload));
  }
}

export function snapshotAfterEvent<E extends OperatorEventName>(current: OperatorSnapshot, event: E, payload: OperatorEventPayload<E>): OperatorSnapshot {
  switch (event) {
    case 'presence':
      return { ...current, presence: (payload as OperatorEventPayload<'presence'>).presence };
    case 'device.pair.requested': {
      const request = payload as OperatorEventPayload<'device.pair.requested'>;
      const others = current.pendingPairings.filter((pending) => pending.requestId !== request.requestId);
      return { ...current, pendingPairings: [...others, request] };
    }
    case 'device.pair.resolved': {
      const { requestId } = payload as OperatorEventPayload<'device.pair.resolved'>;
      return { ...current, pendingPairings: current.pendingPairings.filter((pending) => pending.requestId !== requestId) };
    }
    case 'node.pair.requested': {
      const request = payload as OperatorEventPayload<'node.pair.requested'>;
      const others = current.pendingNodePairings.filter((pending) => pending.requestId !== request.requestId);
      return { ...current, pendingNodePairings: [...others, request] };
    }
    case 'node.pair.resolved': {
      const { requestId } = payload as OperatorEventPayload<'node.pair.resolved'>;
      return { ...current, pendingNodePairings: current.pendingNodePairings.filter((pending) => pending.requestId !== requestId) };
    }
    case 'exec.approval.requested': {
      const approval = payload as OperatorEventPayload<'exec.approval.requested'>;
      const others = current.execApprovals.pending.filter((pending) => pending.id !== approval.id);
      return { ...current, execApprovals: { ...current.execApprovals, pending: [...others, approval] } };
    }
    case 'exec.approval.resolved': {
      const { id } = payload as OperatorEventPayload<'exec.approval.resolved'>;
      return { ...current, execApprovals: { ...current.execApprovals, pending: current.execApprovals.pending.filter((pending) => pending.id !== id) } };
    }
    default:
      return current;
  }
}

export interface ReloadOptions {
  request: GatewayRequest;
  /** hello-ok `features.methods`. */
  methods: readonly string[];
  store: OperatorSnapshotStore;
  /** False once a newer connection (or reload) took over: later answers are dropped. */
  isCurrent: () => boolean;
  now: () => number;
}

/**
 * Re-fetches everything the snapshot holds. Each answer is applied as soon as it arrives, so an
 * event that follows it on the same socket lands on top of it, never underneath.
 */
export async function reloadOperatorSnapshot({ request, methods, store, isCurrent, now }: ReloadOptions): Promise<void> {
  const problems: string[] = [];
  const load = async <M extends OperatorResultMethod>(method: M, apply: (result: OperatorResult<M>) => void): Promise<void> => {
    try {
      const result = await request(method, {});
      if (!isCurrent()) return;
      const schema = operatorResults[method];
      if (schema.check(result)) apply(result as OperatorResult<M>);
      else problems.push(`${method}: unexpected answer (${schema.firstError(result)})`);
    } catch (error) {
      problems.push(`${method}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const reloadable = methods.includes('exec.approval.list');

  await Promise.all([
    load('device.pair.list', (result) => store.update((current) => ({ ...current, pendingPairings: result.pending, pairedDevices: result.paired }))),
    methods.includes('node.pair.list')
      ? load('node.pair.list', (result) => store.update((current) => ({ ...current, pendingNodePairings: result.pending })))
      : Promise.resolve(),
    load('system-presence', (result) => store.update((current) => ({ ...current, presence: result }))),
    reloadable
      ? load('exec.approval.list', (result) => {
          const pending = Array.isArray(result) ? result : 'approvals' in result ? result.approvals : result.pending;
          store.update((current) => ({ ...current, execApprovals: { pending, reloadable } }));
        })
      : Promise.resolve(
          // Without a list method we cannot know what was resolved while we were away; drop what has expired.
          store.update((current) => ({
            ...current,
            execApprovals: { reloadable, pending: current.execApprovals.pending.filter((approval) => approval.expiresAtMs > now()) },
          })),
        ),
  ]);
  if (isCurrent()) store.update((current) => ({ ...current, loadedAt: now(), problems }));
}
