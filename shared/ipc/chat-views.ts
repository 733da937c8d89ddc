/**
 * What the chat window sees of sessions, messages, tool calls and streamed runs (part of the IPC
 * contract, contract.ts). Types only, like the contract: no Electron, Node or DOM.
 */
export interface SessionView {
  key: string;
  title: string;
  updatedAt: number;
  model?: string;
  active: boolean;
}

/** Where a tool call's exec approval stands (spec §16): asked, allowed, denied, or ended undecided. */
export type ToolApprovalState = 'pending' | 'approved' | 'denied' | 'expired';

/** A tool the model called, as a card: what ran, whether a person allowed it, what came back. */
export interface ToolCardView {
  /** The tool call id. */
  id: string;
  name: string;
  /** The shell command of an exec call. */
  command?: string;
  /** The other calls' arguments as JSON (cut). */
  args?: string;
  state: 'running' | 'done' | 'failed';
  /** What it returned (stdout and stderr of an exec call, cut). */
  output?: string;
  exitCode?: number;
  /** `approvalId` is the exec.approval id the gateway asked under, when it asked. */
  approval?: { state: ToolApprovalState; approvalId?: string };
}

/** An image of a message, as a data: URL of an allowed raster type. */
export interface ChatImageView {
  mimeType: string;
  dataUrl: string;
}

/** A run's parts beyond its text, while it streams and once it is done. */
export interface ChatRunParts {
  /** The model's reasoning. */
  thinking?: string;
  tools?: ToolCardView[];
}

export interface ChatMessageView extends ChatRunParts {
  id: string;
  role: 'user' | 'assistant' | 'tool' | 'system';
  /** The message's text (Markdown for the assistant). */
  text: string;
  timestamp: number;
  images?: ChatImageView[];
  aborted?: boolean;
  error?: string;
}

export interface ChatHistoryView {
  sessionKey: string;
  messages: ChatMessageView[];
  /** A run still streaming when the history was read: its text (and parts) so far. */
  streaming?: { runId: string; text: string } & ChatRunParts;
}

export interface ModelView {
  ref: string;
  name: string;
  provider: string;
}

export interface ChatEventView extends ChatRunParts {
  /**
   * The key the renderer used for this session (in `chat:send` or `chat:history`); for runs
   * another client started, the gateway's canonical key (`agent:<agentId>:<key>`).
   */
  sessionKey: string;
  runId: string;
  state: 'delta' | 'final' | 'aborted' | 'error';
  /** Cumulative assistant text so far. */
  text: string;
  error?: string;
  /** The error asks the user to configure a model provider (the UI links to Settings). */
  needsProvider?: boolean;
}
