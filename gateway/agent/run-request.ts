/**
 * What starts an agent turn: a run request as the methods (agent, chat.send), cron, heartbeat and
 * channels hand it to the runtime, and the same request once checked against config and store.
 */
import type { RosterAgent } from '../core/config/index.js';
import type { ImageAttachment } from './attachments.js';
import type { ReplyTarget } from './channel-delivery.js';
import type { ResolvedModel } from './models/resolved-model.js';
import type { OutboundTextFilter } from './run-events.js';
import type { RunKind } from './store/runs-repository.js';

export interface RunRequest {
  kind: RunKind;
  runId: string;
  sessionKey?: string;
  sessionId?: string;
  agentId?: string;
  message: string;
  attachments: ImageAttachment[];
  thinking?: string;
  extraSystemPrompt?: string;
  /** Whole-run budget; 0 = none; undefined = the agent default. */
  timeoutMs?: number;
  /** `provider/model` for this run only, over the session's and the agent's choice. */
  modelRef?: string;
  /**
   * What clients may see of the streamed reply (a heartbeat hides HEARTBEAT_OK); kept across a
   * restart when it is one of AgentRuntimeDeps.textFilters, else the resumed run shows no text.
   */
  visibleText?: OutboundTextFilter;
  /**
   * Where the reply goes when the run is done. The method that accepted the run delivers it; the
   * runtime does so only for a run it resumed after a restart, when that method is gone.
   */
  deliver?: ReplyTarget;
}

/** A request checked against config and store, ready to queue. */
export interface PreparedRun extends RunRequest {
  sessionKey: string;
  agentId: string;
  agent: RosterAgent | undefined;
  model: ResolvedModel;
}
