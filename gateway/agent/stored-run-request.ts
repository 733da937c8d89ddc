import type { ImageAttachment } from './attachments.js';
import type { RunRequest } from './agent-runtime.js';

/** What a run needs to start again after a restart; kept in its agent_runs row until it ends. */
export interface StoredRunRequest {
  message: string;
  attachments: ImageAttachment[];
  thinking?: string;
  extraSystemPrompt?: string;
  timeoutMs?: number;
  /** A model chosen for this run only (a cron job's override). */
  modelRef?: string;
}

export function storedRequestOf(request: RunRequest): StoredRunRequest {
  return {
    message: request.message,
    attachments: request.attachments,
    ...(request.thinking !== undefined ? { thinking: request.thinking } : {}),
    ...(request.extraSystemPrompt !== undefined ? { extraSystemPrompt: request.extraSystemPrompt } : {}),
    ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
    ...(request.modelRef !== undefined ? { modelRef: request.modelRef } : {}),
  };
}

function isAttachment(value: unknown): value is ImageAttachment {
  const candidate = value as Partial<ImageAttachment> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.mimeType === 'string' && typeof candidate.data === 'string';
}

/** The row's request, or undefined when it is missing (a row written before requests were kept) or damaged. */
export function parseStoredRequest(value: unknown): StoredRunRequest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  if (typeof raw.message !== 'string' || !Array.isArray(raw.attachments) || !raw.attachments.every(isAttachment)) return undefined;
  return {
    message: raw.message,
    attachments: raw.attachments,
    ...(typeof raw.thinking === 'string' ? { thinking: raw.thinking } : {}),
    ...(typeof raw.extraSystemPrompt === 'string' ? { extraSystemPrompt: raw.extraSystemPrompt } : {}),
    ...(typeof raw.timeoutMs === 'number' ? { timeoutMs: raw.timeoutMs } : {}),
    ...(typeof raw.modelRef === 'string' ? { modelRef: raw.modelRef } : {}),
  };
}
