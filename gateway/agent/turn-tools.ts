/** What a tool needs to know about the turn that calls it. */
export interface ToolContext {
  runId: string;
  sessionKey: string;
  agentId: string;
  workspace: string;
  abortSignal: AbortSignal;
}

/**
 * A tool in our own terms (JSON Schema input, an execute function), so tool code never loads the
 * AI SDK; the turn converts it when a model call is made.
 */
export interface TurnTool {
  description: string;
  inputSchema: Record<string, unknown>;
  execute(input: unknown, call: { toolCallId: string }): Promise<unknown>;
}

/** The tools offered to the model on a turn. */
export interface TurnToolProvider {
  toolsFor(context: ToolContext): Record<string, TurnTool>;
}

