import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import {
  DevicesEventPayloads,
  type DevicePairRequest,
  type DevicePairResolved,
} from '../../../shared/protocol/devices/events.js';
import {
  DevicesResults,
  type DevicePairApproveResult,
  type DevicePairListResult,
  type DevicePairRejectResult,
  type DeviceTokenRevokeResult,
  type DeviceTokenRotateResult,
  type PairedDevice,
} from '../../../shared/protocol/devices/results.js';
import {
  ExecApprovalsEventPayloads,
  type ExecApprovalResolved,
  type PendingExecApproval,
} from '../../../shared/protocol/exec-approvals/events.js';
import {
  ExecApprovalsResults,
  type ExecApprovalGetResult,
  type ExecApprovalListResult,
  type ExecApprovalRequestResult,
  type ExecApprovalResolveResult,
  type ExecApprovalsSnapshot,
} from '../../../shared/protocol/exec-approvals/results.js';
import {
  NodesEventPayloads,
  type NodeInvokeCancel,
  type NodeInvokeRequest,
  type NodePairRequest,
  type NodePairResolved,
  type NodePresence,
} from '../../../shared/protocol/nodes/events.js';
import {
  NodesResults,
  type NodeDescribeResult,
  type NodeEventResult,
  type NodeInvokeResult,
  type NodeInvokeResultAck,
  type NodeListResult,
  type NodePairApproveResult,
  type NodePairListResult,
  type NodePairRejectResult,
  type NodePairRequestResult,
  type NodePairVerifyResult,
  type NodeRenameResult,
  type NodeRow,
  type PairedNode,
} from '../../../shared/protocol/nodes/results.js';
import { referenceErrors } from '../../helpers/reference-schemas.js';

// Each sample is built the way the gateway builds the payload (gateway/methods/{devices,nodes,
// node-pairing,exec-approvals}.ts and the services they call), typed with the inferred type so
// a schema and its type cannot drift apart unnoticed.

const NOW = 1_795_236_163_245;
const DEVICE_ID = '6f1c3e0b9d2a4c8e7f6a5b4c3d2e1f00112233445566778899aabbccddeeff00';
const NODE_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const PUBLIC_KEY = 'MCowBQYDK2VwAyEAq5yPq0y1l9c3ZlT4k2mZ8lQ0xv1uQ8bq3a9r6m2Yc3E';

// --- devices ------------------------------------------------------------------------------------

/** DevicePairing.openRequest: compact() drops what the candidate did not declare. */
const devicePairRequest = {
  requestId: '4f0a9a52-58a4-4f4a-9a53-2d9b1c7e0a11',
  deviceId: DEVICE_ID,
  publicKey: PUBLIC_KEY,
  displayName: 'Build laptop',
  platform: 'linux',
  clientId: 'cli',
  clientMode: 'cli',
  role: 'operator',
  roles: ['operator'],
  scopes: ['operator.read', 'operator.write'],
  remoteIp: '203.0.113.50',
  silent: false,
  isRepair: false,
  ts: NOW,
} satisfies DevicePairRequest;

/** viewDevice(): the stored record minus updatedAtMs. */
const pairedDevice = {
  deviceId: DEVICE_ID,
  publicKey: PUBLIC_KEY,
  displayName: 'Build laptop',
  platform: 'linux',
  clientId: 'cli',
  clientMode: 'cli',
  roles: ['operator'],
  scopes: ['operator.read', 'operator.write'],
  approvedAtMs: NOW + 5_000,
  approvedBy: 'Gatehouse',
  remoteIp: '203.0.113.50',
  createdAtMs: NOW + 5_000,
} satisfies PairedDevice;

const devicePairList = {
  pending: [devicePairRequest],
  paired: [
    {
      ...pairedDevice,
      lastSeenAtMs: NOW + 9_000,
      tokens: [{ role: 'operator', scopes: ['operator.read', 'operator.write'], createdAtMs: NOW + 5_000, lastUsedAtMs: NOW + 9_000 }],
    },
  ],
} satisfies DevicePairListResult;

const rotateBase = { deviceId: DEVICE_ID, role: 'operator', scopes: ['operator.read'], rotatedAtMs: NOW };
const TOKEN = 'Qk1fYV9yYW5kb21fMzJfYnl0ZV90b2tlbl9iYXNlNjR1cmw';

// --- nodes --------------------------------------------------------------------------------------

/** NodePairing.open: metadata compacted, surface as surfaceOf() builds it. */
const nodePairRequest = {
  requestId: '0b7e1d55-1f0e-4a5c-8d0a-6f2f3f1c9b22',
  nodeId: NODE_ID,
  displayName: 'Studio Mac',
  platform: 'macos',
  version: '2026.9.1',
  deviceFamily: 'Mac',
  modelIdentifier: 'Mac14,3',
  caps: ['system', 'canvas'],
  commands: ['device.info', 'system.run'],
  permissions: { camera: false, screenRecording: true },
  silent: false,
  ts: NOW,
} satisfies NodePairRequest;

/** buildNodeRow() for a connected, approved node. */
const nodeRow = {
  nodeId: NODE_ID,
  displayName: 'Studio Mac',
  platform: 'macos',
  version: '2026.9.1',
  deviceFamily: 'Mac',
  modelIdentifier: 'Mac14,3',
  clientId: 'node-host',
  clientMode: 'node',
  caps: ['system'],
  commands: ['device.info'],
  permissions: { screenRecording: true },
  paired: true,
  connected: true,
  connectedAtMs: NOW - 60_000,
  lastSeenAtMs: NOW - 1_000,
  approvedAtMs: NOW - 30_000,
} satisfies NodeRow;

/** buildPairedNode() for a node with an approved surface. */
const pairedNode = {
  nodeId: NODE_ID,
  displayName: 'Studio Mac',
  platform: 'macos',
  version: '2026.9.1',
  clientId: 'node-host',
  clientMode: 'node',
  caps: ['system', 'canvas'],
  commands: ['device.info', 'system.run'],
  permissions: { camera: false, screenRecording: true },
  approvedAtMs: NOW + 2_000,
  approvedBy: 'Gatehouse',
  createdAtMs: NOW - 120_000,
  lastConnectedAtMs: NOW - 60_000,
  lastSeenAtMs: NOW - 1_000,
} satisfies PairedNode;

// --- exec approvals -----------------------------------------------------------------------------

/** What exec.approval.request puts in `request` (the exec tool adds runId, toolCallId, …). */
const approvalRequest = {
  command: 'rm -rf build > /tmp/log',
  cwd: '/home/me/project',
  env: { NODE_ENV: 'production' },
  host: 'gateway',
  agentId: 'main',
  sessionKey: 'agent:main:main',
  security: 'allowlist',
  ask: 'on-miss',
  warningText: 'unsafe: redirection >',
  requester: `device:${DEVICE_ID}`,
} satisfies PendingExecApproval['request'];

const toolApprovalRequest = {
  command: 'make test',
  cwd: '/home/me/project',
  host: 'gateway',
  agentId: 'main',
  sessionKey: 'agent:main:main',
  runId: 'run-1',
  toolCallId: 'call-7',
  security: 'allowlist',
  ask: 'on-miss',
  resolvedPath: '/usr/bin/make',
  unavailableDecisions: ['allow-always'],
  requester: 'agent:main',
} satisfies PendingExecApproval['request'];

const pendingApproval = {
  id: '9d0c2b7e-4a7f-4f39-9a8e-3b1f7c0d5e66',
  request: approvalRequest,
  createdAtMs: NOW,
  expiresAtMs: NOW + 1_800_000,
} satisfies PendingExecApproval;

const actor = { deviceId: DEVICE_ID, clientId: 'gatehouse-tray', authMethod: 'device-token', label: 'Gatehouse' };

const approvalsFile = {
  version: 1 as const,
  defaults: { security: 'allowlist' as const, ask: 'on-miss' as const, askFallback: 'deny' as const, autoAllowSkills: false },
  agents: {
    main: {
      allowlist: [
        {
          id: '5b8f3a0e-2d1c-4e6f-8a9b-0c1d2e3f4a5b',
          pattern: '/usr/bin/make',
          source: 'allow-always' as const,
          commandText: 'make test',
          argPattern: '^test$',
          lastUsedAt: NOW,
          lastUsedCommand: 'make test',
          lastResolvedPath: '/usr/bin/make',
        },
      ],
    },
  },
};

/** snapshotView() under protocol 4. */
const approvalsSnapshotV4 = {
  path: '/home/me/.gatehouse/state.db#exec-approvals/gateway',
  exists: true,
  hash: 'sha256:3f7c1a9e0b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e',
  file: approvalsFile,
} satisfies ExecApprovalsSnapshot;

/** snapshotView() under protocol 3: who added each allow-always entry. */
const approvalsSnapshotV3 = {
  ...approvalsSnapshotV4,
  allowlistProvenance: {
    '5b8f3a0e-2d1c-4e6f-8a9b-0c1d2e3f4a5b': {
      agentId: 'main',
      addedBy: `device:${DEVICE_ID}`,
      addedByActor: actor,
      addedAtMs: NOW,
      approvalId: pendingApproval.id,
      env: { NODE_ENV: 'production' },
    },
  },
} satisfies ExecApprovalsSnapshot;

/** What a conforming node answers system.execApprovals.get with (relayed unchanged). */
const nodeApprovalsSnapshot = {
  path: '/Users/me/.openclaw/exec-approvals.json',
  exists: true,
  hash: 'sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
  file: { version: 1, defaults: { security: 'allowlist', ask: 'on-miss' } },
};

// --- the cases ----------------------------------------------------------------------------------

interface Case {
  /** Method or event name, then the variant. */
  name: string;
  schema: TSchema;
  sample: unknown;
  /** The reference (OpenClaw) schema that must accept the same sample. */
  reference?: string;
  /** A required field (dotted path) whose absence the schema must refuse; none for Type.Unknown(). */
  required?: string;
}

const resultCases: Case[] = [
  { name: 'device.pair.list', schema: DevicesResults['device.pair.list'], sample: devicePairList, required: 'paired.0.tokens' },
  { name: 'device.pair.list (empty)', schema: DevicesResults['device.pair.list'], sample: { pending: [], paired: [] }, required: 'pending' },
  {
    name: 'device.pair.approve',
    schema: DevicesResults['device.pair.approve'],
    sample: { requestId: devicePairRequest.requestId, device: pairedDevice } satisfies DevicePairApproveResult,
    required: 'device.publicKey',
  },
  {
    name: 'device.pair.reject',
    schema: DevicesResults['device.pair.reject'],
    sample: { requestId: devicePairRequest.requestId, deviceId: DEVICE_ID } satisfies DevicePairRejectResult,
    required: 'deviceId',
  },
  {
    name: 'device.token.rotate (own token, in-band)',
    schema: DevicesResults['device.token.rotate'],
    sample: { ...rotateBase, token: TOKEN, tokenDelivery: 'in-band' } satisfies DeviceTokenRotateResult,
    reference: 'DeviceTokenRotateResult',
    required: 'rotatedAtMs',
  },
  {
    name: 'device.token.rotate (v4, another device: withheld)',
    schema: DevicesResults['device.token.rotate'],
    sample: { ...rotateBase, tokenDelivery: 'withheld-cross-device' } satisfies DeviceTokenRotateResult,
    reference: 'DeviceTokenRotateResult',
    required: 'scopes',
  },
  {
    name: 'device.token.rotate (v3, another device: token)',
    schema: DevicesResults['device.token.rotate'],
    sample: { ...rotateBase, role: 'node', scopes: [], token: TOKEN } satisfies DeviceTokenRotateResult,
    reference: 'DeviceTokenRotateResult',
    required: 'role',
  },
  {
    name: 'device.token.revoke',
    schema: DevicesResults['device.token.revoke'],
    sample: { deviceId: DEVICE_ID, role: 'operator', revokedAtMs: NOW } satisfies DeviceTokenRevokeResult,
    required: 'revokedAtMs',
  },

  {
    name: 'node.list',
    schema: NodesResults['node.list'],
    sample: {
      ts: NOW,
      // A node known only as a paired device, never connected: no permissions, no approvedAtMs.
      nodes: [nodeRow, { nodeId: DEVICE_ID, displayName: 'Old phone', platform: 'ios', caps: [], commands: [], paired: true, connected: false }],
    } satisfies NodeListResult,
    required: 'nodes.1.connected',
  },
  {
    name: 'node.describe',
    schema: NodesResults['node.describe'],
    sample: { ts: NOW, ...nodeRow } satisfies NodeDescribeResult,
    required: 'caps',
  },
  {
    name: 'node.rename',
    schema: NodesResults['node.rename'],
    sample: { nodeId: NODE_ID, displayName: 'Studio' } satisfies NodeRenameResult,
    required: 'displayName',
  },
  {
    name: 'node.invoke (payload given)',
    schema: NodesResults['node.invoke'],
    sample: { ok: true, nodeId: NODE_ID, command: 'device.info', payload: { model: 'Mac14,3' }, payloadJSON: null } satisfies NodeInvokeResult,
    required: 'payload',
  },
  {
    name: 'node.invoke (payloadJSON given)',
    schema: NodesResults['node.invoke'],
    sample: { ok: true, nodeId: NODE_ID, command: 'device.info', payload: [1, 2], payloadJSON: '[1,2]' } satisfies NodeInvokeResult,
    required: 'payloadJSON',
  },
  {
    name: 'node.invoke.result',
    schema: NodesResults['node.invoke.result'],
    sample: { ok: true } satisfies NodeInvokeResultAck,
    required: 'ok',
  },
  {
    name: 'node.invoke.result (late id)',
    schema: NodesResults['node.invoke.result'],
    sample: { ok: true, ignored: true } satisfies NodeInvokeResultAck,
    required: 'ok',
  },
  {
    name: 'node.event (v4)',
    schema: NodesResults['node.event'],
    sample: { ok: true, event: 'exec.finished', handled: false, reason: 'system.run is not approved for this node' } satisfies NodeEventResult,
    reference: 'NodeEventResult',
    required: 'ok',
  },
  { name: 'node.event (v3)', schema: NodesResults['node.event'], sample: { ok: true } satisfies NodeEventResult, required: 'ok' },
  {
    name: 'node.pair.request',
    schema: NodesResults['node.pair.request'],
    sample: { status: 'pending', created: true, request: nodePairRequest } satisfies NodePairRequestResult,
    required: 'request.requestId',
  },
  {
    name: 'node.pair.list',
    schema: NodesResults['node.pair.list'],
    sample: {
      pending: [nodePairRequest],
      // A node paired for the node role whose surface nobody approved yet.
      paired: [pairedNode, { nodeId: DEVICE_ID, displayName: 'Old phone', caps: [], commands: [], permissions: {}, createdAtMs: NOW }],
    } satisfies NodePairListResult,
    required: 'paired.1.permissions',
  },
  {
    name: 'node.pair.approve',
    schema: NodesResults['node.pair.approve'],
    sample: { requestId: nodePairRequest.requestId, node: pairedNode } satisfies NodePairApproveResult,
    required: 'node.commands',
  },
  {
    name: 'node.pair.reject',
    schema: NodesResults['node.pair.reject'],
    sample: { requestId: nodePairRequest.requestId, nodeId: NODE_ID } satisfies NodePairRejectResult,
    required: 'nodeId',
  },
  {
    name: 'node.pair.verify (token ok)',
    schema: NodesResults['node.pair.verify'],
    sample: { ok: true, node: nodeRow } satisfies NodePairVerifyResult,
    required: 'node.paired',
  },
  { name: 'node.pair.verify (mismatch)', schema: NodesResults['node.pair.verify'], sample: { ok: false } satisfies NodePairVerifyResult, required: 'ok' },

  {
    name: 'exec.approval.request (twoPhase ack)',
    schema: ExecApprovalsResults['exec.approval.request'],
    sample: { status: 'accepted', id: pendingApproval.id, createdAtMs: NOW, expiresAtMs: NOW + 1_800_000 } satisfies ExecApprovalRequestResult,
    required: 'id',
  },
  {
    name: 'exec.approval.request (decided)',
    schema: ExecApprovalsResults['exec.approval.request'],
    sample: { id: pendingApproval.id, decision: 'allow-once', createdAtMs: NOW, expiresAtMs: NOW + 1_800_000 } satisfies ExecApprovalRequestResult,
    required: 'decision',
  },
  {
    name: 'exec.approval.request (nobody to ask)',
    schema: ExecApprovalsResults['exec.approval.request'],
    sample: { id: pendingApproval.id, decision: null, createdAtMs: NOW, expiresAtMs: NOW + 1_800_000, reason: 'no-approver' } satisfies ExecApprovalRequestResult,
    required: 'expiresAtMs',
  },
  {
    name: 'exec.approval.get (pending)',
    schema: ExecApprovalsResults['exec.approval.get'],
    sample: { ...pendingApproval, status: 'pending' } satisfies ExecApprovalGetResult,
    required: 'request.host',
  },
  {
    name: 'exec.approval.get (resolved record)',
    schema: ExecApprovalsResults['exec.approval.get'],
    sample: {
      id: pendingApproval.id,
      request: toolApprovalRequest,
      createdAtMs: NOW,
      expiresAtMs: NOW + 1_800_000,
      status: 'resolved',
      decision: 'deny',
      resolvedBy: `device:${DEVICE_ID}`,
      resolvedByActor: actor,
    } satisfies ExecApprovalGetResult,
    required: 'status',
  },
  {
    name: 'exec.approval.get (expired record)',
    schema: ExecApprovalsResults['exec.approval.get'],
    sample: { id: pendingApproval.id, request: approvalRequest, createdAtMs: NOW, expiresAtMs: NOW + 1_000, status: 'expired', decision: null } satisfies ExecApprovalGetResult,
    required: 'decision',
  },
  {
    name: 'exec.approval.list',
    schema: ExecApprovalsResults['exec.approval.list'],
    sample: { approvals: [pendingApproval, { ...pendingApproval, id: 'b2', request: toolApprovalRequest }] } satisfies ExecApprovalListResult,
    required: 'approvals.1.request.command',
  },
  {
    name: 'exec.approval.resolve',
    schema: ExecApprovalsResults['exec.approval.resolve'],
    sample: { ok: true } satisfies ExecApprovalResolveResult,
    required: 'ok',
  },
  {
    name: 'exec.approvals.get (v4)',
    schema: ExecApprovalsResults['exec.approvals.get'],
    sample: approvalsSnapshotV4,
    reference: 'ExecApprovalsSnapshot',
    required: 'hash',
  },
  {
    name: 'exec.approvals.get (v3, with provenance)',
    schema: ExecApprovalsResults['exec.approvals.get'],
    sample: approvalsSnapshotV3,
    required: 'allowlistProvenance.5b8f3a0e-2d1c-4e6f-8a9b-0c1d2e3f4a5b.addedAtMs',
  },
  {
    name: 'exec.approvals.get (nothing set yet: the default file)',
    schema: ExecApprovalsResults['exec.approvals.get'],
    sample: { ...approvalsSnapshotV4, exists: false, file: { version: 1, defaults: approvalsFile.defaults } } satisfies ExecApprovalsSnapshot,
    reference: 'ExecApprovalsSnapshot',
    required: 'file.version',
  },
  {
    name: 'exec.approvals.set (v4)',
    schema: ExecApprovalsResults['exec.approvals.set'],
    sample: approvalsSnapshotV4,
    reference: 'ExecApprovalsSnapshot',
    required: 'file.agents.main.allowlist.0.pattern',
  },
  {
    name: 'exec.approvals.node.get',
    schema: ExecApprovalsResults['exec.approvals.node.get'],
    sample: nodeApprovalsSnapshot,
    reference: 'ExecApprovalsNodeSnapshot',
  },
  {
    name: 'exec.approvals.node.set',
    schema: ExecApprovalsResults['exec.approvals.node.set'],
    sample: nodeApprovalsSnapshot,
    reference: 'ExecApprovalsNodeSnapshot',
  },
];

const eventCases: Case[] = [
  {
    name: 'device.pair.requested',
    schema: DevicesEventPayloads['device.pair.requested'],
    sample: devicePairRequest,
    reference: 'DevicePairRequestedEvent',
    required: 'publicKey',
  },
  {
    name: 'device.pair.requested (node role, repair)',
    schema: DevicesEventPayloads['device.pair.requested'],
    sample: { ...devicePairRequest, role: 'node', roles: ['operator', 'node'], scopes: [], isRepair: true } satisfies DevicePairRequest,
    reference: 'DevicePairRequestedEvent',
    required: 'ts',
  },
  {
    name: 'device.pair.resolved',
    schema: DevicesEventPayloads['device.pair.resolved'],
    sample: { requestId: devicePairRequest.requestId, deviceId: DEVICE_ID, decision: 'approved', ts: NOW } satisfies DevicePairResolved,
    reference: 'DevicePairResolvedEvent',
    required: 'decision',
  },
  {
    name: 'device.pair.resolved (expired by the sweep)',
    schema: DevicesEventPayloads['device.pair.resolved'],
    sample: { requestId: devicePairRequest.requestId, deviceId: DEVICE_ID, decision: 'expired', ts: NOW } satisfies DevicePairResolved,
    reference: 'DevicePairResolvedEvent',
    required: 'requestId',
  },

  {
    name: 'node.pair.requested',
    schema: NodesEventPayloads['node.pair.requested'],
    sample: nodePairRequest,
    required: 'nodeId',
  },
  {
    name: 'node.pair.requested (legacy node.pair.request, remote)',
    schema: NodesEventPayloads['node.pair.requested'],
    sample: { requestId: 'r2', nodeId: NODE_ID, remoteIp: '203.0.113.7', caps: [], commands: [], permissions: {}, silent: true, ts: NOW } satisfies NodePairRequest,
    required: 'ts',
  },
  {
    name: 'node.pair.resolved',
    schema: NodesEventPayloads['node.pair.resolved'],
    sample: { requestId: nodePairRequest.requestId, nodeId: NODE_ID, decision: 'rejected', ts: NOW } satisfies NodePairResolved,
    required: 'nodeId',
  },
  {
    name: 'node.presence',
    schema: NodesEventPayloads['node.presence'],
    sample: { nodeId: NODE_ID, ts: NOW, trigger: 'silent_push' } satisfies NodePresence,
    required: 'ts',
  },
  {
    name: 'node.presence (no trigger)',
    schema: NodesEventPayloads['node.presence'],
    sample: { nodeId: NODE_ID, ts: NOW } satisfies NodePresence,
    required: 'nodeId',
  },
  {
    name: 'node.invoke.request',
    schema: NodesEventPayloads['node.invoke.request'],
    sample: {
      id: '6a3f8e21-0c4b-4d7e-9f1a-2b3c4d5e6f70',
      nodeId: NODE_ID,
      command: 'camera.snap',
      paramsJSON: '{"quality":"high"}',
      timeoutMs: 30_000,
      idempotencyKey: 'invoke-123',
    } satisfies NodeInvokeRequest,
    reference: 'NodeInvokeRequestEvent',
    required: 'paramsJSON',
  },
  {
    name: 'node.invoke.cancel',
    schema: NodesEventPayloads['node.invoke.cancel'],
    sample: { invokeId: '6a3f8e21-0c4b-4d7e-9f1a-2b3c4d5e6f70', nodeId: NODE_ID } satisfies NodeInvokeCancel,
    required: 'invokeId',
  },

  {
    name: 'exec.approval.requested',
    schema: ExecApprovalsEventPayloads['exec.approval.requested'],
    sample: pendingApproval,
    required: 'expiresAtMs',
  },
  {
    name: 'exec.approval.requested (from the exec tool)',
    schema: ExecApprovalsEventPayloads['exec.approval.requested'],
    sample: { ...pendingApproval, request: toolApprovalRequest } satisfies PendingExecApproval,
    required: 'request.command',
  },
  {
    name: 'exec.approval.resolved (decided)',
    schema: ExecApprovalsEventPayloads['exec.approval.resolved'],
    sample: {
      id: pendingApproval.id,
      decision: 'allow-always',
      resolvedBy: `device:${DEVICE_ID}`,
      resolvedByActor: actor,
      ts: NOW + 4_000,
      request: approvalRequest,
    } satisfies ExecApprovalResolved,
    required: 'resolvedBy',
  },
  {
    name: 'exec.approval.resolved (expired)',
    schema: ExecApprovalsEventPayloads['exec.approval.resolved'],
    sample: { id: pendingApproval.id, decision: null, resolvedBy: null, resolvedByActor: null, ts: NOW + 1_800_000, request: approvalRequest, reason: 'expired' } satisfies ExecApprovalResolved,
    required: 'decision',
  },
];

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
