import Type from 'typebox';
import {
  NonNegativeInteger,
  PositiveInteger,
  SenderIdList,
  StringList,
  oneOf,
  section,
} from './primitives.js';

// config.md §5.

export const EXEC_MODES = ['deny', 'allowlist', 'ask', 'auto', 'full'] as const;

export const ToolsExecSchema = section({
  mode: Type.Optional(oneOf(EXEC_MODES)),
  security: Type.Optional(oneOf(['deny', 'allowlist', 'full'] as const, 'Legacy; prefer mode.')),
  ask: Type.Optional(oneOf(['off', 'on-miss', 'always'] as const, 'Legacy; prefer mode.')),
  host: Type.Optional(oneOf(['auto', 'sandbox', 'gateway', 'node'] as const)),
  node: Type.Optional(Type.String()),
  timeoutSeconds: Type.Optional(PositiveInteger),
  backgroundMs: Type.Optional(PositiveInteger),
  cleanupMs: Type.Optional(PositiveInteger),
  approvalRunningNoticeMs: Type.Optional(NonNegativeInteger),
  notifyOnExit: Type.Optional(Type.Boolean()),
  pathPrepend: Type.Optional(StringList),
  safeBins: Type.Optional(StringList),
  safeBinTrustedDirs: Type.Optional(StringList),
  strictInlineEval: Type.Optional(Type.Boolean()),
  commandHighlighting: Type.Optional(Type.Boolean()),
  grantExpiryDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
});

/** OpenClaw tool-policy keys Gatehouse does not implement (it implements only `exec`). */
const IGNORED_TOOL_KEYS = [
  'profile', 'allow', 'alsoAllow', 'deny', 'byProvider', 'web', 'media', 'links', 'sessions',
  'loopDetection', 'toolSearch', 'codeMode', 'swarm', 'message', 'agentToAgent', 'elevated',
  'fs', 'subagents', 'sandbox',
] as const;

export const ToolsSchema = section(
  { exec: Type.Optional(ToolsExecSchema) },
  { ignored: IGNORED_TOOL_KEYS },
);

const ForwardingTargetSchema = section({
  channel: Type.String({ minLength: 1 }),
  to: Type.String({ minLength: 1 }),
  accountId: Type.Optional(Type.String()),
  threadId: Type.Optional(Type.Union([Type.String(), Type.Number()])),
});

/** `approvals.exec` / `approvals.plugin`: prompt forwarding only (§5.2). */
const ApprovalForwardingSchema = section({
  enabled: Type.Optional(Type.Boolean()),
  mode: Type.Optional(oneOf(['session', 'targets', 'both'] as const)),
  agentFilter: Type.Optional(StringList),
  sessionFilter: Type.Optional(StringList),
  targets: Type.Optional(Type.Array(ForwardingTargetSchema)),
});

export const ApprovalsSchema = section({
  exec: Type.Optional(ApprovalForwardingSchema),
  plugin: Type.Optional(ApprovalForwardingSchema),
});

export const CommandsSchema = section(
  { ownerAllowFrom: Type.Optional(SenderIdList) },
  {
    ignored: [
      'native', 'nativeSkills', 'text', 'bash', 'bashForegroundMs', 'config', 'mcp', 'plugins',
      'debug', 'restart', 'useAccessGroups', 'ownerDisplay', 'ownerDisplaySecret', 'allowFrom',
    ],
  },
);
