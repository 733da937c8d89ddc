import type { ImagePart, ModelMessage, TextPart, ToolCallPart, ToolResultPart } from 'ai';
import type { RosterAgent } from '../core/config/index.js';
import type { SystemEventRecord } from './store/system-events-repository.js';
import type { TranscriptMessage } from './store/transcript-repository.js';
import { toolResultPart } from './step-messages.js';

export interface PromptInputs {
  agent: RosterAgent | undefined;
  agentId: string;
  now: Date;
  extraSystemPrompt?: string;
  compactedSummary?: string;
  systemEvents: SystemEventRecord[];
  /** Sections other parts of the gateway add (the skills feature's `<available_skills>`). */
  sections?: readonly string[];
}

/** Who a turn is for, as a prompt section sees it. */
export interface PromptSectionContext {
  agentId: string;
  workspace: string;
}

/** One contributor of a system-prompt section; undefined or '' adds nothing. */
export type PromptSectionSource = (context: PromptSectionContext) => string | undefined;

/**
 * The sections features add to every turn's instructions. The composition root creates it, hands
 * it to the agent runtime and to the features, so the runtime never knows which feature wrote what.
 */
export class PromptSections {
  private readonly sources: { name: string; source: PromptSectionSource }[] = [];

  constructor(private readonly onError: (name: string, error: unknown) => void = () => {}) {}

  add(name: string, source: PromptSectionSource): void {
    this.sources.push({ name, source });
  }

  /** A source that throws is left out of this turn (and reported), never fails the turn. */
  for(context: PromptSectionContext): string[] {
    const sections: string[] = [];
    for (const { name, source } of this.sources) {
      try {
        const section = source(context);
        if (section) sections.push(section);
      } catch (error) {
        this.onError(name, error);
      }
    }
    return sections;
  }
}

/** The system instructions of a turn: who the agent is, what day it is, and what happened. */
export function buildInstructions(inputs: PromptInputs): string {
  const name = inputs.agent?.identity?.name ?? inputs.agent?.name ?? inputs.agentId;
  const lines = [
    `You are ${name}, a personal AI assistant reached through the Gatehouse gateway.`,
    `Current date and time: ${inputs.now.toISOString()}.`,
  ];
  if (inputs.agent?.identity?.theme) lines.push(`Persona: ${inputs.agent.identity.theme}.`);
  if (inputs.compactedSummary) lines.push('', 'Summary of the earlier conversation:', inputs.compactedSummary);
  if (inputs.systemEvents.length > 0) {
    lines.push('', 'System events since your last turn:');
    for (const event of inputs.systemEvents) lines.push(`- [${new Date(event.ts).toISOString()}] ${event.text}`);
  }
  for (const section of inputs.sections ?? []) lines.push('', section);
  if (inputs.extraSystemPrompt) lines.push('', inputs.extraSystemPrompt);
  return lines.join('\n');
}

/** Stored transcript rows → the model's message list (tool calls and results kept paired). */
export function transcriptToMessages(rows: readonly TranscriptMessage[]): ModelMessage[] {
  const messages: ModelMessage[] = [];
  for (const row of rows) {
    if (row.role === 'user') {
      const content = row.content.flatMap<TextPart | ImagePart>((part) => {
        if (part.type === 'text') return [{ type: 'text' as const, text: part.text }];
        if (part.type === 'image') return [{ type: 'image' as const, image: part.data, mediaType: part.mimeType }];
        return [];
      });
      if (content.length > 0) messages.push({ role: 'user', content });
    } else if (row.role === 'assistant') {
      const content = row.content.flatMap<TextPart | ToolCallPart>((part) => {
        if (part.type === 'text' && part.text !== '') return [{ type: 'text' as const, text: part.text }];
        if (part.type === 'toolCall') return [{ type: 'tool-call' as const, toolCallId: part.id, toolName: part.name, input: part.arguments }];
        return [];
      });
      if (content.length > 0) messages.push({ role: 'assistant', content });
    } else if (row.role === 'tool') {
      const content = row.content.flatMap<ToolResultPart>((part) =>
        part.type === 'toolResult' ? [toolResultPart(part.toolCallId, part.name, part.result)] : [],
      );
      if (content.length > 0) messages.push({ role: 'tool', content });
    }
  }
  return dropUnansweredToolCalls(messages);
}

/** A run that crashed between a tool call and its result leaves a call no provider accepts. */
function dropUnansweredToolCalls(messages: ModelMessage[]): ModelMessage[] {
  const answered = new Set<string>();
  for (const message of messages) {
    if (message.role === 'tool' && Array.isArray(message.content)) {
      for (const part of message.content) if (part.type === 'tool-result') answered.add(part.toolCallId);
    }
  }
  return messages.flatMap((message) => {
    if (message.role !== 'assistant' || !Array.isArray(message.content)) return [message];
    const content = message.content.filter((part) => part.type !== 'tool-call' || answered.has(part.toolCallId));
    return content.length > 0 ? [{ ...message, content }] : [];
  });
}
