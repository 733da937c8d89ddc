import type { TranscriptMessage } from './store/transcript-repository.js';
import type { TokenUsage } from './model-calls/model-call-types.js';
import { toUsage } from './model-calls/token-usage.js';
import type { ResolvedModel } from './models/resolved-model.js';

const SUMMARY_MAX_OUTPUT_TOKENS = 2_048;
const DEFAULT_SUMMARY_TIMEOUT_MS = 120_000;
const TOOL_TEXT_MAX_CHARS = 2_000;
/** Rough chars-per-token; the summarised text is capped to stay well inside the model's window. */
const CHARS_PER_TOKEN = 3;

export const SUMMARY_INSTRUCTIONS = [
  'You compress conversation history for an AI assistant that will continue the conversation later.',
  'Write a concise summary of the conversation you are given: keep facts, decisions, names, numbers,',
  'open tasks and the user\'s stated preferences; drop pleasantries and repetition.',
  'Write plain prose or short bullet points, in the third person, with no preamble.',
].join(' ');

export interface CompactionPlan {
  /** The oldest rows, to be marked compacted. */
  compact: TranscriptMessage[];
  /** The newest rows, kept live. */
  keep: TranscriptMessage[];
}

/**
 * Splits the live transcript: the last `maxLines` rows stay, older ones go. The cut moves earlier
 * while the kept part would start with a tool result, so no result loses the call it answers.
 */
export function planCompaction(live: readonly TranscriptMessage[], maxLines: number): CompactionPlan {
  let boundary = Math.max(0, live.length - maxLines);
  while (boundary > 0 && live[boundary]?.role === 'tool') boundary -= 1;
  return { compact: live.slice(0, boundary), keep: live.slice(boundary) };
}

function clipTool(text: string): string {
  return text.length <= TOOL_TEXT_MAX_CHARS ? text : `${text.slice(0, TOOL_TEXT_MAX_CHARS)}…`;
}

/** The compacted rows as a plain-text transcript for the summariser. */
export function renderTranscript(rows: readonly TranscriptMessage[]): string {
  const lines: string[] = [];
  for (const row of rows) {
    for (const part of row.content) {
      if (part.type === 'text' && part.text.trim() !== '') {
        lines.push(`${row.role === 'user' ? 'User' : row.role === 'assistant' ? 'Assistant' : 'System'}: ${part.text.trim()}`);
      } else if (part.type === 'toolCall') {
        lines.push(`Assistant called tool ${part.name}: ${clipTool(JSON.stringify(part.arguments ?? null))}`);
      } else if (part.type === 'toolResult') {
        lines.push(`Tool ${part.name}${part.isError ? ' failed' : ' returned'}: ${clipTool(JSON.stringify(part.result ?? null))}`);
      } else if (part.type === 'image') {
        lines.push(`${row.role === 'user' ? 'User' : 'Assistant'}: [image]`);
      }
    }
  }
  return lines.join('\n');
}

/** The user prompt of the summarisation request, newest text kept when it must be cut. */
export function summaryPrompt(previousSummary: string | undefined, transcript: string, maxChars: number): string {
  const header = previousSummary ? `Summary of the conversation before this part:\n${previousSummary}\n\n` : '';
  const budget = Math.max(1_000, maxChars - header.length);
  const body = transcript.length <= budget ? transcript : `[earlier lines omitted]\n${transcript.slice(transcript.length - budget)}`;
  return `${header}Conversation to summarise:\n${body}\n\nWrite the updated summary now.`;
}

export interface SummaryResult {
  text: string;
  usage?: TokenUsage;
}

/**
 * Asks the session's model, without streaming, for a summary of the compacted rows (and the
 * previous summary, so summaries accumulate). Bounded by the provider's timeout or two minutes.
 */
export async function summariseTranscript(
  model: ResolvedModel,
  rows: readonly TranscriptMessage[],
  previousSummary: string | undefined,
  options: { signal?: AbortSignal } = {},
): Promise<SummaryResult> {
  const timeoutMs = model.timeoutSeconds !== undefined ? model.timeoutSeconds * 1_000 : DEFAULT_SUMMARY_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  // Loaded on use: an idle gateway does not pay for the AI SDK.
  const [{ generateText }, { createLanguageModel }] = await Promise.all([import('ai'), import('./models/language-model-factory.js')]);
  const result = await generateText({
    model: createLanguageModel(model),
    instructions: SUMMARY_INSTRUCTIONS,
    prompt: summaryPrompt(previousSummary, renderTranscript(rows), model.contextWindow * CHARS_PER_TOKEN),
    maxOutputTokens: Math.min(model.maxTokens, SUMMARY_MAX_OUTPUT_TOKENS),
    maxRetries: 0,
    abortSignal: options.signal ? AbortSignal.any([options.signal, deadline]) : deadline,
  });
  const usage = toUsage(result.totalUsage);
  return { text: result.text.trim(), ...(usage ? { usage } : {}) };
}
