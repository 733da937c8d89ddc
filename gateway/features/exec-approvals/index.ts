import { defineFeature } from '../../composition/feature-context.js';
import { execApprovalMethods, type ExecApprovalContext } from './exec-approvals-methods.js';

/** Approving the agent's shell commands: `exec.approval.*`, `exec.approvals.*`. */
export const execApprovalsFeature = defineFeature({
  name: 'exec-approvals',
  create: (context: ExecApprovalContext) => ({ methods: () => execApprovalMethods(context) }),
});
