import type { ModelMessage } from 'ai';
import type { ContentPart, MessageMeta, TranscriptMessage } from './store/transcript-repository.js';
import type { GatewayStore } from './store/gateway-store.js';
import type { ImageAttachment } from './attachments.js';
import type { ModelCallPart, TokenUsage } from './model-calls/model-call-types.js';
import type { ModelCalls } from './model-calls/model-calls.js';
import type { ResolvedModel } from './models/resolved-model.js';
import type { RunFailure } from './provider-errors.js';
import type { RunEvents } from './run-events.js';
import { toolMessageFrom, type ToolCallOutcome } from './step-messages.js';
import { thinkingProviderOptions } from './thinking-options.js';
import type { ToolContext, TurnToolProvider } from './turn-tools.js';

/** Tool loops stop after this many model calls in one turn. */
const MAX_STEPS = 24;

export interface TurnInput {
  runId: string;
  sessionKey: string;
  sessionId: string;
  agentId: string;
  message: string;
  attachments: ImageAttachment[];
  thinking?: string;
  instructions: string;
  history: ModelMessage[];
  model: ResolvedModel;
  workspace: string;
  /** The run was cut off by a gateway stop: its user message is already in `history`. */
  resume?: boolean;
}

/** A transcript row the turn leaves for its caller to write (see TurnEnd). */
export type TurnMessage = Omit<TranscriptMessage, 'id' | 'compacted'>;

/** How a turn ended, and the transcript rows of its last step, which the caller writes with the run's end. */
export interface TurnEnd {
  outcome: TurnOutcome;
  closingMessages: TurnMessage[];
}

export interface TurnOutcome {
  status: 'ok' | 'error' | 'timeout';
  text: string;
  stopReason: string;
  aborted: boolean;
  timedOut: boolean;
  usage?: TokenUsage;
  failure?: RunFailure;
}

export type AbortKind = 'aborted' | 'timeout';

function addUsage(a: TokenUsage | undefined, b: TokenUsage | undefined): TokenUsage | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}

/** The user message of a turn as the transcript stores it (the runtime writes it when the run starts). */
export function userMessageContent(message: string, attachments: readonly ImageAttachment[]): ContentPart[] {
  const content: ContentPart[] = [{ type: 'text', text: message }];
  for (const image of attachments) content.push({ type: 'image', mimeType: image.mimeType, data: image.data });
  return content;
}

/**
 * One agent turn, its user message already stored by the caller: streams the model (and its tool
 * loop), turns stream parts into `agent`/`chat` events, and writes each finished tool step to the
 * transcript so an abort or a crash leaves a consistent conversation. The last step's rows are
 * returned, not written: the caller writes them in the same transaction as the run's end.
 */
export async function runAgentTurn(
  input: TurnInput,
  deps: {
    store: GatewayStore;
    events: RunEvents;
    signal: AbortSignal;
    abortKind: () => AbortKind | undefined;
    tools: TurnToolProvider;
    modelCalls: ModelCalls;
    progress: { text: string };
    /**
     * Called before the turn's first event or transcript row (the first streamed part, or the
     * end of a call that streamed none): the caller's deferred start rows and lifecycle event
     * (AgentRuntime.execute). Idempotent on the caller's side; it is called more than once.
     */
    beforeOutput?: () => void;
  },
): Promise<TurnEnd> {
  const { store, events, signal } = deps;
  const base = { sessionKey: input.sessionKey, sessionId: input.sessionId, runId: input.runId };

  const userMessage: ModelMessage = {
    role: 'user',
    content: [
      { type: 'text', text: input.message },
      ...input.attachments.map((image) => ({ type: 'image' as const, image: image.data, mediaType: image.mimeType })),
    ],
  };
  const toolContext: ToolContext = {
    runId: input.runId,
    sessionKey: input.sessionKey,
    agentId: input.agentId,
    workspace: input.workspace,
    abortSignal: signal,
  };
  const modelMeta: MessageMeta = { model: input.model.modelId, provider: input.model.providerId };

  let text = '';
  let stepText = '';
  let stepThinking = '';
  let stepParts: ContentPart[] = [];
  let toolResults: ContentPart[] = [];
  let usage: TokenUsage | undefined;
  let stopReason = 'stop';
  let failure: RunFailure | undefined;
  /** Set when the turn ended with a step that called no tool: the meta its unwritten rows carry. */
  let lastStepMeta: MessageMeta | undefined;

  /** The finished step's transcript rows; the step's buffers start over. */
  const takeStep = (meta: MessageMeta): TurnMessage[] => {
    const rows: TurnMessage[] = [];
    const content: ContentPart[] = [];
    if (stepThinking) content.push({ type: 'thinking', thinking: stepThinking });
    if (stepText) content.push({ type: 'text', text: stepText });
    content.push(...stepParts);
    const ts = Date.now();
    if (content.length > 0) rows.push({ ...base, role: 'assistant', content, meta: { ...modelMeta, ...meta }, ts });
    if (toolResults.length > 0) rows.push({ ...base, role: 'tool', content: toolResults, meta: {}, ts });
    stepText = '';
    stepThinking = '';
    stepParts = [];
    toolResults = [];
    return rows;
  };
  const flushStep = (meta: MessageMeta): void => {
    for (const row of takeStep(meta)) store.transcript.append(row);
  };

  const providerOptions = thinkingProviderOptions(input.model, input.thinking);
  const definitions = deps.tools.toolsFor(toolContext);
  const toolDescriptors = Object.entries(definitions).map(([name, definition]) => ({ name, description: definition.description, inputSchema: definition.inputSchema }));
  const messages: ModelMessage[] = input.resume ? [...input.history] : [...input.history, userMessage];

  /** Runs one tool call as soon as the model has made it; a throw becomes an error result. */
  const executeTool = async (call: { toolCallId: string; toolName: string; input: unknown }): Promise<ToolCallOutcome> => {
    const definition = definitions[call.toolName];
    let result: unknown;
    let isError = false;
    try {
      if (!definition) throw new Error(`unknown tool: ${call.toolName}`);
      result = await definition.execute(call.input, { toolCallId: call.toolCallId });
    } catch (error) {
      isError = true;
      result = { error: error instanceof Error ? error.message : String(error) };
    }
    toolResults.push({ type: 'toolResult', toolCallId: call.toolCallId, name: call.toolName, result, isError });
    events.agent('tool', { phase: 'result', name: call.toolName, toolCallId: call.toolCallId, result, isError });
    return { toolCallId: call.toolCallId, toolName: call.toolName, result };
  };

  // The tool loop, one model call per step (run-model-call.ts speaks to the AI SDK).
  for (let step = 0; step < MAX_STEPS && !signal.aborted; step += 1) {
    const running: Promise<ToolCallOutcome>[] = [];
    let stepUsage: TokenUsage | undefined;
    const onPart = (part: ModelCallPart): void => {
      deps.beforeOutput?.();
      switch (part.type) {
        case 'text':
          if (stepText === '' && text !== '') text += '\n\n';
          text += part.text;
          stepText += part.text;
          deps.progress.text = text;
          events.assistantDelta(text, part.text);
          break;
        case 'reasoning':
          stepThinking += part.text;
          events.agent('thinking', { text: stepThinking, delta: part.text });
          break;
        case 'tool-call':
          stepParts.push({ type: 'toolCall', id: part.toolCallId, name: part.toolName, arguments: part.input });
          events.agent('tool', { phase: 'start', name: part.toolName, toolCallId: part.toolCallId, args: part.input });
          // An invalid call is answered by the tool-error part that follows it.
          if (!part.invalid && !part.providerExecuted) running.push(executeTool(part));
          break;
        case 'tool-error': {
          const result = { error: part.message };
          toolResults.push({ type: 'toolResult', toolCallId: part.toolCallId, name: part.toolName, result, isError: true });
          events.agent('tool', { phase: 'result', name: part.toolName, toolCallId: part.toolCallId, result, isError: true });
          running.push(Promise.resolve({ toolCallId: part.toolCallId, toolName: part.toolName, result }));
          break;
        }
        case 'finish':
          stepUsage = part.usage;
          stopReason = part.finishReason;
          // No tool ran or failed in this step, so the loop ends after it: the reply's text is complete.
          if (running.length === 0) events.replyEnd();
          break;
      }
    };
    const end = await deps.modelCalls.call(
      { model: input.model, instructions: input.instructions, messages, tools: toolDescriptors, ...(providerOptions ? { providerOptions } : {}) },
      signal,
      onPart,
    );
    deps.beforeOutput?.();
    const outcomes = await Promise.all(running);
    usage = addUsage(usage, stepUsage);
    if (end.failure && !signal.aborted) failure = end.failure;
    if (failure || signal.aborted || end.aborted) break;
    const stepMeta: MessageMeta = { stopReason, ...(stepUsage ? { usage: stepUsage } : {}) };
    if (outcomes.length === 0) {
      // The last step: its rows go to the caller, written in one commit with the run's end.
      lastStepMeta = stepMeta;
      break;
    }
    flushStep(stepMeta);
    for (const message of [end.assistant, toolMessageFrom(outcomes)]) if (message) messages.push(message);
  }

  const abortKind = signal.aborted ? (deps.abortKind() ?? 'aborted') : undefined;
  if (abortKind) {
    return {
      outcome: { status: 'timeout', text, stopReason: abortKind, aborted: abortKind === 'aborted', timedOut: abortKind === 'timeout', ...(usage ? { usage } : {}) },
      closingMessages: takeStep({ aborted: true, stopReason: abortKind }),
    };
  }
  if (failure) {
    return {
      outcome: { status: 'error', text, stopReason: 'error', aborted: false, timedOut: false, failure, ...(usage ? { usage } : {}) },
      closingMessages: takeStep({ errorMessage: failure.message, stopReason: 'error' }),
    };
  }
  return {
    outcome: { status: 'ok', text, stopReason, aborted: false, timedOut: false, ...(usage ? { usage } : {}) },
    closingMessages: takeStep(lastStepMeta ?? {}),
  };
}
