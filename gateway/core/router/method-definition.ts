import type { TObject, Static } from 'typebox';
import type { CompiledParams } from '../../../shared/protocol/validate.js';
import type { ClientSession, Connection } from '../server/connection.js';

/** What a handler gets: validated params, who is calling, and (for two-phase methods) an early ack. */
export interface MethodCall<P> {
  readonly params: P;
  readonly method: string;
  readonly requestId: string;
  readonly session: ClientSession;
  readonly connection: Connection;
  /** Sends the first ("accepted") response now; the handler's return value is the final one. */
  ack(payload: unknown): void;
}

export interface IdempotencyRule<P> {
  /** The dedupe key (e.g. `agent:<idempotencyKey>`), or undefined to skip dedupe for this call. */
  keyOf(params: P, caller: ClientSession): string | undefined;
  /** Payload to answer a duplicate with while the first call is still running; absent → wait and replay. */
  whileRunning?(params: P): unknown;
  /** Payload to answer a duplicate with after completion; absent → replay the stored response. */
  afterCompletion?(params: P, stored: unknown): unknown;
  /**
   * False for an answer that is not the call's final one (a run another process accepted and this
   * one resumed is still going): it is sent but not replayed to later duplicates.
   */
  isFinal?(payload: unknown): boolean;
}

export interface MethodDefinition<S extends TObject = TObject> {
  readonly name: string;
  /** Closed: the handler receives only the keys this schema defines (`known`). */
  readonly params: CompiledParams<S>;
  readonly handler: (call: MethodCall<Static<S>>) => unknown;
  readonly idempotency?: IdempotencyRule<Static<S>>;
  /** Counted by the control-plane write limiter (spec §0). */
  readonly controlPlaneWrite?: boolean;
}

/** Keeps each family file a plain table while preserving the params type per handler. */
export function defineMethod<S extends TObject>(definition: MethodDefinition<S>): MethodDefinition {
  return definition as unknown as MethodDefinition;
}
