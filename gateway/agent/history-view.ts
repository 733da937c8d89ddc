import type { ChatHistoryMessage } from '../../shared/protocol/chat/results.js';
import type { TranscriptMessage } from './store/transcript-repository.js';

/** A transcript row as chat.history shows it (display-normalised, spec §15.4). */
export function historyMessage(row: TranscriptMessage): ChatHistoryMessage {
  const view: ChatHistoryMessage = {
    id: String(row.id),
    role: row.role === 'tool' ? 'toolResult' : row.role,
    content: row.content,
    timestamp: row.ts,
  };
  if (row.runId) view.runId = row.runId;
  const meta = row.meta;
  if (meta.stopReason) view.stopReason = meta.stopReason;
  if (meta.usage) view.usage = meta.usage;
  if (meta.model) view.model = meta.model;
  if (meta.provider) view.provider = meta.provider;
  if (meta.aborted) view.aborted = true;
  if (meta.errorMessage) view.errorMessage = meta.errorMessage;
  if (meta.interrupted) view.interrupted = true;
  return view;
}

/** Plain text of a message, for previews and titles. */
export function messageText(row: TranscriptMessage): string {
  return row.content
    .map((part) => (part.type === 'text' ? part.text : ''))
    .filter((text) => text !== '')
    .join('\n');
}
