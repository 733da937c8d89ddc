// Keys the protocol-4 reference schemas (@openclaw/gateway-protocol) define for a method and
// this gateway does not use. They are accepted so current OpenClaw clients keep working, then
// dropped before any handler runs. test/unit/protocol/protocol4-ignored-keys.test.ts keeps this
// list equal to the reference package's.

export const PROTOCOL4_IGNORED_KEYS = {
  AgentParams: ['provider', 'model', 'replyTo', 'expectedExistingSessionId', 'replyChannel', 'replyAccountId', 'groupId', 'groupChannel', 'groupSpace', 'cwd', 'cleanupBundleMcpOnRunEnd', 'modelRun', 'promptMode', 'bootstrapContextMode', 'bootstrapContextRunKind', 'acpTurnSource', 'internalRuntimeHandoffId', 'internalExecutionIdentityRetry', 'internalExecutionIdentityRecoveryAttempt', 'execApprovalFollowupExpectedSessionId', 'internalEvents', 'inputProvenance', 'suppressPromptPersistence', 'sessionEffects', 'sourceReplyDeliveryMode', 'disableMessageTool', 'swarmCollector', 'swarmOutputSchema', 'forceRestartSafeTools', 'forceCodeModeTools', 'voiceWakeTrigger'],
  ChannelsPairingApproveParams: ['bootstrapCommandOwner'],
  ChatAbortParams: ['agentId', 'preserveSideRuns'],
  ChatHistoryParams: ['offset', 'pendingBefore', 'inputRunIds', 'messageId', 'sessionId', 'maxChars'],
  ChatSendParams: ['sessionId', 'intent', 'fastMode', 'fastAutoOnSeconds', 'originatingChannel', 'originatingTo', 'originatingAccountId', 'originatingThreadId', 'replyToId', 'toolBindings', 'systemInputProvenance', 'systemProvenanceReceipt', 'suppressCommandInterpretation', 'expectedLeafEntryId', 'expectedSessionRoutingContract', 'expectedPermissionMode', 'expectedToolOverrides'],
  ConfigApplyParams: ['deliveryContext'],
  ConfigPatchParams: ['deliveryContext'],
  CronListParams: ['trigger', 'compact', 'includeDeliveryPreviews'],
  CronRunsParams: ['agentId', 'scope'],
  ExecApprovalRequestParams: ['systemRunPlan', 'env', 'warningText', 'scope', 'unavailableDecisions', 'commandSpans', 'sessionId', 'runId', 'toolCallId', 'turnSourceChannel', 'turnSourceTo', 'turnSourceAccountId', 'turnSourceThreadId', 'approvalReviewerDeviceIds', 'requireDeliveryRoute', 'suppressDelivery', 'deliverToApprovalClientsOnly'],
  ExecApprovalResolveParams: ['reviewer', 'grantExpiresInDays'],
  ExecApprovalsNodeSetParams: ['native'],
  ModelsListParams: ['includeProviderCapabilities', 'preparedOnly', 'refresh'],
  NodeInvokeParams: ['turnSourceChannel', 'turnSourceTo', 'turnSourceAccountId', 'turnSourceThreadId'],
  PollParams: ['silent', 'isAnonymous', 'threadId'],
  SendParams: ['buffer', 'filename', 'contentType', 'asVoice', 'agentId', 'replyToId', 'threadId', 'forceDocument', 'silent', 'parseMode'],
  SessionsDeleteParams: ['expectedSessionId', 'expectedLifecycleRevision', 'expectedSessionUpdatedAt', 'emitLifecycleHooks', 'archivedOnly'],
  SessionsListParams: ['requireLastInteraction', 'sortBy', 'configuredAgentsOnly', 'boardFace', 'creatorId', 'ownerId', 'ownerFirst', 'involvingMe', 'involvingProfileId', 'includePeople', 'archived'],
  SessionsPatchParams: ['expectedSessionId', 'expectedLifecycleRevision', 'expectedPermissionMode', 'expectedToolOverrides', 'expectedMarkedUnreadAt', 'icon', 'color', 'category', 'boardFace', 'statusNote', 'attention', 'ttlMinutes', 'archived', 'pinned', 'unread', 'contextWindow', 'fastMode', 'toolOverrides', 'traceLevel', 'execHost', 'execSecurity', 'execAsk', 'execNode', 'permissionMode', 'completionOwnerSessionKey', 'inheritedToolPolicyVersion', 'inheritedToolAllow', 'inheritedToolDeny'],
  WebLoginWaitParams: ['currentQrDataUrl'],
} as const satisfies Record<string, readonly string[]>;

export type ParamsWithIgnoredKeys = keyof typeof PROTOCOL4_IGNORED_KEYS;
