/**
 * What the relay knows of the runs streaming now, beyond their text: the model's reasoning and
 * the tool calls as cards, gathered from `agent` events (thinking and tool streams, spec §15.2)
 * and `exec.approval.*` events (§16) that name the run and tool call. Each change answers the
 * run's parts so far, which the relay sends with the run's text.
 */
import type { ChatRunParts, ToolCardView } from '../../shared/ipc/contract.js';
import type { AgentEvent } from '../../shared/protocol/agent/events.js';
import type { ExecApprovalResolved, PendingExecApproval } from '../../shared/protocol/exec-approvals/events.js';
import { clip } from '../text/clip.js';
import { BoundedMap } from './bounded-map.js';
import { MAX_VIEW_TEXT } from './message-views.js';
import { toolCardFromCall, withApprovalAsked, withApprovalDecided, withToolResult } from './tool-cards.js';

/** Tool cards kept per run: a runaway loop of calls cannot grow a view without bound. */
const MAX_TOOL_CARDS = 200;

interface LiveRun {
  /** Reasoning of the steps before the current one. */
  earlierThinking: string;
  stepThinking: string;
  tools: ToolCardView[];
}

export class LiveRuns {
  readonly #runs = new BoundedMap<string, LiveRun>(100);

  /** The run's parts so far (nothing for a run without reasoning or tool calls). */
  parts(runId: string): ChatRunParts {
    const run = this.#runs.get(runId);
    if (run === undefined) return {};
    const thinking = [run.earlierThinking, run.stepThinking].filter((text) => text !== '').join('\n\n');
    return {
      ...(thinking === '' ? {} : { thinking: clip(thinking, MAX_VIEW_TEXT) }),
      ...(run.tools.length > 0 ? { tools: run.tools } : {}),
    };
  }

  forget(runId: string): void {
    this.#runs.delete(runId);
  }

  /** A thinking or tool event changes its run's parts (true); other streams do not. */
  onAgentEvent(event: AgentEvent): boolean {
    if (event.stream === 'thinking') {
      const run = this.#run(event.runId);
      // Each step streams its own reasoning from the start: a first chunk begins a new step.
      if (event.data.text === event.data.delta && run.stepThinking !== '') {
        run.earlierThinking = [run.earlierThinking, run.stepThinking].filter((text) => text !== '').join('\n\n');
      }
      run.stepThinking = event.data.text;
      return true;
    }
    if (event.stream !== 'tool') return false;
    const run = this.#run(event.runId);
    const data = event.data;
    if (data.phase === 'start') {
      if (run.tools.length >= MAX_TOOL_CARDS || run.tools.some((card) => card.id === data.toolCallId)) return false;
      run.tools = [...run.tools, toolCardFromCall(data.toolCallId, data.name, data.args)];
      return true;
    }
    return this.#update(run, data.toolCallId, (card) => withToolResult(card, data.result, data.isError === true));
  }

  /** A person is asked about a call of a run streaming here (true), or it is not ours (false). */
  onApprovalRequested(approval: PendingExecApproval): boolean {
    const { runId, toolCallId } = approval.request;
    const run = runId === undefined ? undefined : this.#runs.get(runId);
    if (run === undefined || toolCallId === undefined) return false;
    return this.#update(run, toolCallId, (card) => withApprovalAsked(card, approval.id));
  }

  onApprovalResolved(resolved: ExecApprovalResolved): boolean {
    const runId = resolved.request?.runId;
    const toolCallId = resolved.request?.toolCallId;
    const run = runId === undefined ? undefined : this.#runs.get(runId);
    if (run === undefined || toolCallId === undefined) return false;
    return this.#update(run, toolCallId, (card) => withApprovalDecided(card, resolved.id, resolved.decision));
  }

  #run(runId: string): LiveRun {
    const existing = this.#runs.get(runId);
    if (existing !== undefined) return existing;
    const created: LiveRun = { earlierThinking: '', stepThinking: '', tools: [] };
    this.#runs.set(runId, created);
    return created;
  }

  #update(run: LiveRun, toolCallId: string, change: (card: ToolCardView) => ToolCardView): boolean {
    const index = run.tools.findIndex((card) => card.id === toolCallId);
    const card = run.tools[index];
    if (card === undefined) return false;
    const tools = [...run.tools];
    tools[index] = change(card);
    run.tools = tools;
    return true;
  }
}
