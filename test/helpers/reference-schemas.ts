import { ProtocolSchemas } from '@openclaw/gateway-protocol/schema';
import { Compile } from 'typebox/compile';
import type { Frame } from './protocol-client.js';

type Validator = ReturnType<typeof Compile>;
const compiled = new Map<string, Validator>();
const schemas = ProtocolSchemas as unknown as Record<string, unknown>;

function validator(name: string): Validator {
  let found = compiled.get(name);
  if (!found) {
    const schema = schemas[name];
    if (!schema) throw new Error(`the reference protocol has no schema named ${name}`);
    found = Compile(schema as Parameters<typeof Compile>[0]);
    compiled.set(name, found);
  }
  return found;
}

/** Errors of `value` against the reference (OpenClaw) schema `name`; empty when it conforms. */
export function referenceErrors(name: string, value: unknown): string[] {
  const check = validator(name);
  if (check.Check(value)) return [];
  return (check.Errors(value) as unknown as { instancePath: string; message: string }[]).map(
    (error) => `${name}${error.instancePath}: ${error.message}`,
  );
}

const EVENT_PAYLOADS: Record<string, string> = {
  tick: 'TickEvent',
  shutdown: 'ShutdownEvent',
  'device.pair.requested': 'DevicePairRequestedEvent',
  'device.pair.resolved': 'DevicePairResolvedEvent',
  agent: 'AgentEvent',
  'node.invoke.request': 'NodeInvokeRequestEvent',
};

const CHAT_PAYLOADS: Record<string, string> = {
  delta: 'ChatDeltaEvent',
  final: 'ChatFinalEvent',
  aborted: 'ChatAbortedEvent',
  error: 'ChatErrorEvent',
};

const RESULT_PAYLOADS: Record<string, string> = {
  'logs.tail': 'LogsTailResult',
  'device.token.rotate': 'DeviceTokenRotateResult',
  'skills.bins': 'SkillsBinsResult',
};

/**
 * Validates one received frame against the reference schemas wherever the reference has one:
 * the envelope always, the payload for the events and results listed above, presence entries
 * and the health snapshot inside hello-ok.
 */
export function referenceFrameErrors(frame: Frame, context: { method?: string } = {}): string[] {
  const errors: string[] = [];
  if (frame.type === 'event') {
    errors.push(...referenceErrors('EventFrame', frame));
    const payloadSchema = EVENT_PAYLOADS[frame.event as string];
    if (payloadSchema) errors.push(...referenceErrors(payloadSchema, frame.payload));
    if (frame.event === 'chat') {
      const schema = CHAT_PAYLOADS[frame.payload?.state as string];
      errors.push(...(schema ? referenceErrors(schema, frame.payload) : [`chat event with unknown state ${frame.payload?.state}`]));
    }
    if (frame.event === 'presence') {
      for (const entry of (frame.payload?.presence ?? []) as unknown[]) errors.push(...referenceErrors('PresenceEntry', entry));
    }
  } else if (frame.type === 'res') {
    errors.push(...referenceErrors('ResponseFrame', frame));
    const resultSchema = context.method ? RESULT_PAYLOADS[context.method] : undefined;
    if (frame.ok && resultSchema) errors.push(...referenceErrors(resultSchema, frame.payload));
    if (frame.ok && frame.payload?.type === 'hello-ok' && frame.payload.protocol >= 4) {
      errors.push(...referenceErrors('HelloOk', frame.payload));
    }
  }
  return errors;
}
