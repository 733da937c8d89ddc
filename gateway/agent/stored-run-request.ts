import type { ImageAttachment } from './attachments.js';
import type { RunRequest } from './run-request.js';
import type { ReplyTarget } from './channel-delivery.js';

/** What a run needs to start again after a restart; kept in its agent_runs row until it ends. */
export interface StoredRunRequest {
  message: string;
  attachments: ImageAttachment[];
  thinking?: string;
  extraSystemPrompt?: string;
  timeoutMs?: number;
  /** A model chosen for this run only (a cron job's override). */
  modelRef?: string;
  /**
   * The name its outbound text filter is registered under (AgentRuntimeDeps.textFilters), or
   * UNNAMED_TEXT_FILTER for one that is not: a resumed run must not show what the filter hid.
   */
  visibleText?: string;
  /** Where the reply goes once the run is done (`deliver`), so a resumed run still delivers it. */
  deliver?: ReplyTarget;
}

/** A filter without a registered name: after a restart the run's text is withheld from clients. */
export const UNNAMED_TEXT_FILTER = '';

export function storedRequestOf(request: RunRequest, visibleTextName: string | undefined): StoredRunRequest {
  return {
    message: request.message,
    attachments: request.attachments,
    ...(request.thinking !== undefined ? { thinking: request.thinking } : {}),
    ...(request.extraSystemPrompt !== undefined ? { extraSystemPrompt: request.extraSystemPrompt } : {}),
    ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
    ...(request.modelRef !== undefined ? { modelRef: request.modelRef } : {}),
    ...(visibleTextName !== undefined ? { visibleText: visibleTextName } : {}),
    ...(request.deliver !== undefined ? { deliver: request.deliver } : {}),
  };
}

function isAttachment(value: unknown): value is ImageAttachment {
  const candidate = value as Partial<ImageAttachment> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.mimeType === 'string' && typeof candidate.data === 'string';
}

function replyTargetOf(value: unknown): ReplyTarget | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  if (typeof raw.sessionKey !== 'string') return undefined;
  return {
    sessionKey: raw.sessionKey,
    ...(typeof raw.channel === 'string' ? { channel: raw.channel } : {}),
    ...(typeof raw.to === 'string' ? { to: raw.to } : {}),
    ...(typeof raw.accountId === 'string' ? { accountId: raw.accountId } : {}),
  };
}

/** The row's request, or undefined when it is missing (a row written before requests were kept) or damaged. */
export function parseStoredRequest(value: unknown): StoredRunRequest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  if (typeof raw.message !== 'string' || !Array.isArray(raw.attachments) || !raw.attachments.every(isAttachment)) return undefined;
  const deliver = replyTargetOf(raw.deliver);
  return {
    message: raw.message,
    attachments: raw.attachments,
    ...(typeof raw.thinking === 'string' ? { thinking: raw.thinking } : {}),
    ...(typeof raw.extraSystemPrompt === 'string' ? { extraSystemPrompt: raw.extraSystemPrompt } : {}),
    ...(typeof raw.timeoutMs === 'number' ? { timeoutMs: raw.timeoutMs } : {}),
    ...(typeof raw.modelRef === 'string' ? { modelRef: raw.modelRef } : {}),
    ...(typeof raw.visibleText === 'string' ? { visibleText: raw.visibleText } : {}),
    ...(deliver ? { deliver } : {}),
  };
}
