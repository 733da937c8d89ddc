import type { DevicePairRequest } from '../../../shared/protocol/devices/events.js';
import type { DevicePairListResult, PairedDevice } from '../../../shared/protocol/devices/results.js';
import type { PendingExecApproval } from '../../../shared/protocol/exec-approvals/events.js';
import type { ExecApprovalsSnapshot } from '../../../shared/protocol/exec-approvals/results.js';
import type { NodePairRequest } from '../../../shared/protocol/nodes/events.js';
import type { NodeRow, PairedNode } from '../../../shared/protocol/nodes/results.js';

// Each sample is built the way the gateway builds the payload (gateway/features/{devices,nodes,
// exec-approvals}/ and the services they call), typed with the inferred type so
// a schema and its type cannot drift apart unnoticed.

export const NOW = 1_795_236_163_245;
export const DEVICE_ID = '6f1c3e0b9d2a4c8e7f6a5b4c3d2e1f00112233445566778899aabbccddeeff00';
export const NODE_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const PUBLIC_KEY = 'MCowBQYDK2VwAyEAq5yPq0y1l9c3ZlT4k2mZ8lQ0xv1uQ8bq3a9r6m2Yc3E';

// --- devices ------------------------------------------------------------------------------------

/** DevicePairing.openRequest: compact() drops what the candidate did not declare. */
export const devicePairRequest = {
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
export const pairedDevice = {
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

export const devicePairList = {
  pending: [devicePairRequest],
  paired: [
    {
      ...pairedDevice,
      lastSeenAtMs: NOW + 9_000,
      tokens: [{ role: 'operator', scopes: ['operator.read', 'operator.write'], createdAtMs: NOW + 5_000, lastUsedAtMs: NOW + 9_000 }],
    },
  ],
} satisfies DevicePairListResult;

export const rotateBase = { deviceId: DEVICE_ID, role: 'operator', scopes: ['operator.read'], rotatedAtMs: NOW };
export const TOKEN = 'Qk1fYV9yYW5kb21fMzJfYnl0ZV90b2tlbl9iYXNlNjR1cmw';

// --- nodes --------------------------------------------------------------------------------------

/** NodePairing.open: metadata compacted, surface as surfaceOf() builds it. */
export const nodePairRequest = {
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
export const nodeRow = {
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
export const pairedNode = {
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
export const approvalRequest = {
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

export const toolApprovalRequest = {
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

export const pendingApproval = {
  id: '9d0c2b7e-4a7f-4f39-9a8e-3b1f7c0d5e66',
  request: approvalRequest,
  createdAtMs: NOW,
  expiresAtMs: NOW + 1_800_000,
} satisfies PendingExecApproval;

export const actor = { deviceId: DEVICE_ID, clientId: 'gatehouse-tray', authMethod: 'device-token', label: 'Gatehouse' };

export const approvalsFile = {
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
export const approvalsSnapshotV4 = {
  path: '/home/me/.gatehouse/state.db#exec-approvals/gateway',
  exists: true,
  hash: 'sha256:3f7c1a9e0b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e',
  file: approvalsFile,
} satisfies ExecApprovalsSnapshot;

/** snapshotView() under protocol 3: who added each allow-always entry. */
export const approvalsSnapshotV3 = {
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
export const nodeApprovalsSnapshot = {
  path: '/Users/me/.openclaw/exec-approvals.json',
  exists: true,
  hash: 'sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
  file: { version: 1, defaults: { security: 'allowlist', ask: 'on-miss' } },
};
