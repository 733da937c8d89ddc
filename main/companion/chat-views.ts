/**
 * Gateway chat shapes → the renderer's view models: transcript rows of chat.history, session
 * rows of sessions.list, model choices of models.list, and `chat` events. The chat and sessions
 * shapes are the shared protocol schemas (shared/protocol/chat, sessions, models): what the protocol
 * requires is checked, unknown fields pass.
 */
import Type from 'typebox';
import type { ChatMessageView, ModelView, SessionView } from '../../shared/ipc/contract.js';
import { ChatEvent, NoProviderErrorDetails } from '../../shared/protocol/chat/events.js';
import { ChatResults, type ChatHistoryMessage } from '../../shared/protocol/chat/results.js';
import { ModelsResults, type ModelsListResult } from '../../shared/protocol/models/results.js';
import { SessionsListResult, type SessionRow } from '../../shared/protocol/sessions/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';

/** A message longer than this is cut for the view (the transcript keeps it whole). */
export const MAX_VIEW_TEXT = 20_000;
const TOOL_OUTPUT_PREVIEW = 2_000;

export const chatHistoryResult = compileSchema(ChatResults['chat.history']);

export const chatAbortResult = compileSchema(ChatResults['chat.abort']);

export const sessionsListResult = compileSchema(SessionsListResult);

export const modelsListResult = compileSchema(ModelsResults['models.list']);

export const chatEventPayload = compileSchema(ChatEvent);

/** A refusal whose `details.code` says no model provider is configured (a request error, or its ErrorShape). */
const noProviderRefusal = compileSchema(Type.Object({ details: NoProviderErrorDetails }));

/**
 * Did the gateway refuse because no model provider is configured? Read from the refusal's
 * `details.code` (NO_PROVIDER_CODE) on the request error, or on its ErrorShape; never from its
 * wording (spec §5.1). The gateway refuses before admitting the run, so a `chat` error event
 * never means this.
 */
export function asksForProvider(failure: unknown): boolean {
  return noProviderRefusal.check(failure);
}

export function chatMessageView(message: ChatHistoryMessage): ChatMessageView {
  const role: ChatMessageView['role'] =
    message.role === 'toolResult' || message.role === 'tool' ? 'tool' : message.role === 'user' || message.role === 'system' ? message.role : 'assistant';
  return {
    id: message.id,
    role,
    text: clip(contentText(message.content), MAX_VIEW_TEXT),
    timestamp: message.timestamp,
    ...(message.aborted ? { aborted: true } : {}),
    ...(message.errorMessage ? { error: message.errorMessage } : {}),
  };
}

/** Text parts as they are; tool calls and results named, with a short preview of what ran. */
export function contentText(content: readonly Record<string, unknown>[]): string {
  const parts: string[] = [];
  for (const part of content) {
    switch (part['type']) {
      case 'text':
        if (typeof part['text'] === 'string' && part['text'] !== '') parts.push(part['text']);
        break;
      case 'toolCall': {
        const args = part['arguments'];
        const command = args !== null && typeof args === 'object' ? (args as Record<string, unknown>)['command'] : undefined;
        parts.push(typeof command === 'string' ? `[${String(part['name'])}] ${command}` : `[tool call: ${String(part['name'])}]`);
        break;
      }
      case 'toolResult':
        parts.push(toolResultText(String(part['name']), part['result'], part['isError'] === true));
        break;
      case 'image':
        parts.push('[image]');
        break;
      default:
        break;
    }
  }
  return parts.join('\n');
}

function toolResultText(name: string, result: unknown, isError: boolean): string {
  if (result !== null && typeof result === 'object') {
    const record = result as Record<string, unknown>;
    if (record['status'] === 'denied' || record['status'] === 'cancelled') return `[${name}] ${String(record['status'])}: ${String(record['reason'] ?? '')}`.trim();
    if (typeof record['stdout'] === 'string' || typeof record['stderr'] === 'string') {
      const output = [record['stdout'], record['stderr']].filter((text): text is string => typeof text === 'string' && text !== '').join('\n');
      const exit = typeof record['exitCode'] === 'number' ? ` (exit ${record['exitCode']})` : '';
      return `[${name}]${exit}\n${clip(output, TOOL_OUTPUT_PREVIEW)}`.trimEnd();
    }
  }
  const text = typeof result === 'string' ? result : (JSON.stringify(result) ?? '');
  return `[${name}${isError ? ' failed' : ''}] ${clip(text, TOOL_OUTPUT_PREVIEW)}`.trimEnd();
}

/** The row fields a session list shows. */
type SessionListRow = Pick<SessionRow, 'key' | 'label' | 'derivedTitle' | 'updatedAt' | 'model' | 'modelProvider' | 'active'>;

export function sessionView(row: SessionListRow, key: string): SessionView {
  const model = row.model === undefined ? undefined : row.modelProvider ? `${row.modelProvider}/${row.model}` : row.model;
  return {
    key,
    title: row.label || row.derivedTitle || key,
    // The protocol lets a row leave it out (or send null): such a session sorts last.
    updatedAt: row.updatedAt ?? 0,
    ...(model === undefined ? {} : { model }),
    active: row.active === true,
  };
}

export function modelViews(result: ModelsListResult): ModelView[] {
  const seen = new Set<string>();
  const views: ModelView[] = [];
  for (const model of result.models) {
    const ref = `${model.provider}/${model.id}`;
    if (seen.has(ref)) continue;
    seen.add(ref);
    views.push({ ref, name: model.name, provider: model.provider });
  }
  return views;
}

/** The assistant text of a chat event: `message.content[0].text` (the run's text so far). */
export function eventText(content: readonly Record<string, unknown>[] | undefined): string | undefined {
  const first = content?.[0];
  return first !== undefined && typeof first['text'] === 'string' ? first['text'] : undefined;
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
