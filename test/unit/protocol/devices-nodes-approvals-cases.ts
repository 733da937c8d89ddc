import type { TSchema } from 'typebox';
import { DevicesEventPayloads, type DevicePairRequest, type DevicePairResolved } from '../../../shared/protocol/devices/events.js';
import {
  DevicesResults,
  type DevicePairApproveResult,
  type DevicePairRejectResult,
  type DeviceTokenRevokeResult,
  type DeviceTokenRotateResult,
} from '../../../shared/protocol/devices/results.js';
import { ExecApprovalsEventPayloads, type ExecApprovalResolved, type PendingExecApproval } from '../../../shared/protocol/exec-approvals/events.js';
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
} from '../../../shared/protocol/nodes/results.js';

import {
  NOW,
  DEVICE_ID,
  NODE_ID,
  devicePairRequest,
  pairedDevice,
  devicePairList,
  rotateBase,
  TOKEN,
  nodePairRequest,
  nodeRow,
  pairedNode,
  approvalRequest,
  toolApprovalRequest,
  pendingApproval,
  actor,
  approvalsFile,
  approvalsSnapshotV4,
  approvalsSnapshotV3,
  nodeApprovalsSnapshot,
} from './devices-nodes-approvals-samples.js';

// Every schema of the three families with a sample (devices-nodes-approvals-samples.ts), the
// reference schema that must accept it, and a required field it must not do without.

// --- the cases ----------------------------------------------------------------------------------

export interface Case {
  /** Method or event name, then the variant. */
  name: string;
  schema: TSchema;
  sample: unknown;
  /** The reference (OpenClaw) schema that must accept the same sample. */
  reference?: string;
  /** A required field (dotted path) whose absence the schema must refuse; none for Type.Unknown(). */
  required?: string;
}

export const resultCases: Case[] = [
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

export const eventCases: Case[] = [
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
