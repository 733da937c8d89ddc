import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { DevicesEventPayloads } from '../../../shared/protocol/devices/events.js';
import { DevicesResults } from '../../../shared/protocol/devices/results.js';
import { ExecApprovalsEventPayloads } from '../../../shared/protocol/exec-approvals/events.js';
import { ExecApprovalsResults } from '../../../shared/protocol/exec-approvals/results.js';
import { NodesEventPayloads, type NodeInvokeRequest } from '../../../shared/protocol/nodes/events.js';
import { NodesResults } from '../../../shared/protocol/nodes/results.js';
import { referenceErrors } from '../../helpers/reference-schemas.js';
import { eventCases, resultCases, type Case } from './devices-nodes-approvals-cases.js';
import { NODE_ID, rotateBase, approvalsSnapshotV3 } from './devices-nodes-approvals-samples.js';

// --- helpers ------------------------------------------------------------------------------------

const validators = new Map<TSchema, ReturnType<typeof Compile>>();
function check(schema: TSchema, value: unknown): boolean {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Compile(schema);
    validators.set(schema, validator);
  }
  return validator.Check(value);
}

/** A deep copy of `value` without the field at dotted `path`. */
function without(value: unknown, path: string): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop() as string;
  let parent: Record<string, unknown> = copy;
  for (const key of keys) parent = parent[key] as Record<string, unknown>;
  expect(parent, `${path} must exist in the sample`).toHaveProperty([last]);
  delete parent[last];
  return copy;
}

const withRequired = (cases: Case[]) => cases.filter((c): c is Case & { required: string } => c.required !== undefined);
const withReference = (cases: Case[]) => cases.filter((c): c is Case & { reference: string } => c.reference !== undefined);

// --- tests --------------------------------------------------------------------------------------

describe.each([
  { kind: 'results', cases: resultCases, maps: [DevicesResults, NodesResults, ExecApprovalsResults] },
  { kind: 'event payloads', cases: eventCases, maps: [DevicesEventPayloads, NodesEventPayloads, ExecApprovalsEventPayloads] },
])('devices, nodes and exec approvals: $kind', ({ cases, maps }) => {
  it('has a sample for every schema in the maps', () => {
    const sampled = new Set(cases.map((c) => c.name.split(' ')[0]));
    const names = maps.flatMap((map) => Object.keys(map));
    expect(names.filter((name) => !sampled.has(name))).toEqual([]);
    for (const c of cases) expect(Object.values(Object.fromEntries(maps.flatMap((map) => Object.entries(map))))).toContain(c.schema);
  });

  it.each(cases)('$name: accepts what the gateway sends', ({ schema, sample }) => {
    expect(check(schema, sample)).toBe(true);
  });

  it.each(withReference(cases))('$name: the reference $reference accepts the same sample', ({ reference, sample }) => {
    expect(referenceErrors(reference, sample)).toEqual([]);
  });

  it.each(withRequired(cases))('$name: refuses it without $required', ({ schema, sample, required }) => {
    expect(check(schema, without(sample, required))).toBe(false);
  });

  it.each(cases)('$name: accepts a field a newer gateway adds (objects stay open)', ({ schema, sample }) => {
    if (typeof sample !== 'object' || sample === null || Array.isArray(sample)) return;
    expect(check(schema, { ...sample, addedByANewerGateway: { anything: [1, 'two'] } })).toBe(true);
  });
});

describe('values the schemas refuse', () => {
  it('refuses a decision nobody can give, and a token delivery nobody defined', () => {
    const resolved = eventCases.find((c) => c.name === 'exec.approval.resolved (decided)') as Case;
    expect(check(resolved.schema, { ...(resolved.sample as object), decision: 'allow-forever' })).toBe(false);
    expect(check(DevicesResults['device.token.rotate'], { ...rotateBase, tokenDelivery: 'email' })).toBe(false);
  });

  it('refuses a node.invoke answer that is not a success', () => {
    expect(check(NodesResults['node.invoke'], { ok: false, nodeId: NODE_ID, command: 'device.info', payload: null, payloadJSON: null })).toBe(false);
  });

  it('accepts anything a node relays as its approvals snapshot, null included', () => {
    expect(check(ExecApprovalsResults['exec.approvals.node.get'], null)).toBe(true);
  });
});

// Where this gateway's output and the reference (OpenClaw 2026.9.1) schemas part ways. Each test
// pins the difference, so a change on either side shows up here first.
describe('known differences from the reference schemas', () => {
  it('node.invoke.request sends paramsJSON: null without params (spec §14); the reference wants a string', () => {
    const sample = { id: 'i1', nodeId: NODE_ID, command: 'device.info', paramsJSON: null, timeoutMs: 30_000, idempotencyKey: 'k1' } satisfies NodeInvokeRequest;
    expect(check(NodesEventPayloads['node.invoke.request'], sample)).toBe(true);
    expect(referenceErrors('NodeInvokeRequestEvent', sample)).not.toEqual([]);
  });

  it('node.event answers protocol 3 with {ok:true}, which the v4 reference NodeEventResult refuses', () => {
    expect(referenceErrors('NodeEventResult', { ok: true })).not.toEqual([]);
  });

  it('exec.approvals.get under protocol 3 adds allowlistProvenance, which the closed reference snapshot refuses', () => {
    expect(referenceErrors('ExecApprovalsSnapshot', approvalsSnapshotV3)).not.toEqual([]);
  });
});
