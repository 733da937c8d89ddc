import type { TSchema, Static } from 'typebox';
import type { CompiledSchema } from '../../shared/protocol/validate.js';
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
  keyOf(params: P): string | undefined;
  /** Payload to answer a duplicate with while the first call is still running; absent → wait and replay. */
  whileRunning?(params: P): unknown;
  /** Payload to answer a duplicate with after completion; absent → replay the stored response. */
  afterCompletion?(params: P, stored: unknown): unknown;
}

export interface MethodDefinition<S extends TSchema = TSchema> {
  readonly name: string;
  readonly params: CompiledSchema<S>;
  readonly handler: (call: MethodCall<Static<S>>) => unknown;
  readonly idempotency?: IdempotencyRule<Static<S>>;
  /** Counted by the control-plane write limiter (spec §0). */
  readonly controlPlaneWrite?: boolean;
}

/** Keeps each family file a plain table while preserving the params type per handler. */
export function defineMethod<S extends TSchema>(definition: MethodDefinition<S>): MethodDefinition {
  return definition as unknown as MethodDefinition;
}
