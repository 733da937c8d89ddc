import type { TObject, Static } from 'typebox';
import type {
  MethodAck,
  MethodResult,
  MethodWithResult,
} from '../../../shared/protocol/result-schemas.js';
import type { CompiledParams } from '../../../shared/protocol/validate.js';
import type { Connection } from '../server/connection.js';
import type { ClientSession } from '../server/connection-contract.js';

/**
 * What a handler gets: validated params, who is calling, and (for two-phase methods) an early ack.
 * `A` is the ack's payload; `never` for a method that declares no ack schema, so it cannot send one.
 */
export interface MethodCall<P, A = never> {
  readonly params: P;
  readonly method: string;
  readonly requestId: string;
  readonly session: ClientSession;
  readonly connection: Connection;
  /** Sends the first ("accepted") response now; the handler's return value is the final one. */
  ack(payload: A): void;
}

export interface IdempotencyRule<P, R = unknown> {
  /** The dedupe key (e.g. `agent:<idempotencyKey>`), or undefined to skip dedupe for this call. */
  keyOf(params: P, caller: ClientSession): string | undefined;
  /** Payload to answer a duplicate with while the first call is still running; absent → wait and replay. */
  whileRunning?(params: P): R;
  /** Payload to answer a duplicate with after completion; absent → replay the stored response. */
  afterCompletion?(params: P, stored: R): R;
  /**
   * False for an answer that is not the call's final one (a run another process accepted and this
   * one resumed is still going): it is sent but not replayed to later duplicates.
   */
  isFinal?(payload: R): boolean;
}

/** What a handler may return: its method's result, now or later. */
export type HandlerResult<M extends MethodWithResult> = MethodResult<M> | Promise<MethodResult<M>>;

/**
 * One method's definition, typed by the schemas shared/protocol holds for its name: the handler
 * must return the result schema's shape (shared/protocol/result-schemas.ts), and only a two-phase
 * method's `call.ack` takes a payload (its ack schema's). The schemas are types here, not values:
 * the gateway never validates its own answers (the integration tests do, against the same
 * schemas), and building them all would cost every start.
 */
export interface TypedMethodDefinition<M extends MethodWithResult, S extends TObject> {
  readonly name: M;
  /** Closed: the handler receives only the keys this schema defines (`known`). */
  readonly params: CompiledParams<S>;
  readonly handler: (call: MethodCall<Static<S>, MethodAck<M>>) => HandlerResult<M>;
  readonly idempotency?: IdempotencyRule<Static<S>, MethodResult<M>>;
  /** Counted by the control-plane write limiter (spec §0). */
  readonly controlPlaneWrite?: boolean;
}

/**
 * Any method's definition for params `S`: a union over the method names, so the literal `name`
 * picks the member and with it the result and ack types the handler is checked against (a
 * generic result type would lose the literal types of the handler's answer).
 */
export type MethodDefinitionFor<S extends TObject> = { [M in MethodWithResult]: TypedMethodDefinition<M, S> }[MethodWithResult];

/** A definition as the router holds it: params, result and ack types erased. */
export interface MethodDefinition {
  readonly name: string;
  readonly params: CompiledParams<TObject>;
  readonly handler: (call: MethodCall<Record<string, unknown>, unknown>) => unknown;
  readonly idempotency?: IdempotencyRule<Record<string, unknown>, unknown>;
  readonly controlPlaneWrite?: boolean;
}

/**
 * Keeps each family file a plain table while typing each handler by its params, result and ack
 * schemas: a handler returning a shape its result schema rejects does not compile.
 * Every method needs its result schema in shared/protocol/result-schemas.ts.
 */
export function defineMethod<S extends TObject>(definition: MethodDefinitionFor<S>): MethodDefinition {
  // The router validates params against `definition.params` before calling the handler, so the
  // erased call it passes always holds a Static<S>; this is the one place the types are widened.
  return definition as unknown as MethodDefinition;
}
