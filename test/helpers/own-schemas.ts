import type { TSchema } from 'typebox';
import { HelloOkSchema } from '../../shared/protocol/connect.js';
import { payloadSchemaOf } from '../../shared/protocol/event-payloads.js';
import { ackSchemaOf, resultSchemaOf } from '../../shared/protocol/result-schemas.js';
import { compileSchema, type CompiledSchema } from '../../shared/protocol/validate.js';
import type { Frame } from './protocol-client.js';

const compiled = new Map<TSchema, CompiledSchema<TSchema>>();

function errorOf(schema: TSchema, value: unknown): string | null {
  let validator = compiled.get(schema);
  if (!validator) {
    validator = compileSchema(schema);
    compiled.set(schema, validator);
  }
  return validator.firstError(value);
}

/** The schema a successful response to `method` must match: the two-phase ack or the final result. */
function responseSchema(method: string, payload: unknown): TSchema | undefined {
  if (method === 'connect') return HelloOkSchema;
  const ack = ackSchemaOf(method);
  const accepted = typeof payload === 'object' && payload !== null && (payload as { status?: unknown }).status === 'accepted';
  return ack && accepted ? ack : resultSchemaOf(method);
}

/**
 * Validates one received frame against Gatehouse's own protocol schemas (shared/protocol): every
 * successful response by the method of the request it answers (two-phase acks included), and
 * every event whose payload has a schema. Empty when the frame conforms or nothing describes it.
 */
export function ownFrameErrors(frame: Frame, context: { method?: string } = {}): string[] {
  if (frame.type === 'event') {
    const schema = payloadSchemaOf(String(frame.event));
    const error = schema ? errorOf(schema, frame.payload) : null;
    return error === null ? [] : [`event ${frame.event}: ${error}`];
  }
  if (frame.type === 'res' && frame.ok === true && context.method !== undefined) {
    const schema = responseSchema(context.method, frame.payload);
    const error = schema ? errorOf(schema, frame.payload) : null;
    return error === null ? [] : [`${context.method} result: ${error}`];
  }
  return [];
}

const violations: string[] = [];

/** Records what a frame our schemas reject said; test/helpers/protocol-conformance.ts fails the test on it. */
export function recordOwnSchemaViolations(frame: Frame, context: { method?: string }): void {
  for (const error of ownFrameErrors(frame, context)) violations.push(`${error}\n  in ${JSON.stringify(frame).slice(0, 2_000)}`);
}

/** The violations recorded since the last call. */
export function takeOwnSchemaViolations(): string[] {
  return violations.splice(0);
}
