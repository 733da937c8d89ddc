import type { ToolSet } from 'ai';

/** What a tool needs to know about the turn that calls it. */
export interface ToolContext {
  runId: string;
  sessionKey: string;
  agentId: string;
  workspace: string;
  abortSignal: AbortSignal;
}

/** The tools offered to the model on a turn (the exec tool arrives with exec approvals). */
export interface TurnToolProvider {
  toolsFor(context: ToolContext): ToolSet;
}

export const NO_TOOLS: TurnToolProvider = { toolsFor: () => ({}) };
