/**
 * The Control UI's Sessions page, free of any platform: list and search sessions, rename one
 * (label), choose its model, reset, delete or compact it — each offered only when the gateway
 * lists the method in hello-ok `features.methods`, each answer parsed with its protocol schema.
 */
import { SessionsResults, type SessionRow, type SessionsCompactResult, type SessionsListResult } from '../../shared/protocol/sessions/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';
import type { GatewayRequest } from '../gateway-request.js';
import { parsed } from '../parse-answer.js';

const listResult = compileSchema(SessionsResults['sessions.list']);
const patchResult = compileSchema(SessionsResults['sessions.patch']);
const resetResult = compileSchema(SessionsResults['sessions.reset']);
const deleteResult = compileSchema(SessionsResults['sessions.delete']);
const compactResult = compileSchema(SessionsResults['sessions.compact']);

/** How many sessions one page of the list shows. */
export const SESSIONS_PAGE_SIZE = 100;

export type SessionAction = 'rename' | 'model' | 'reset' | 'delete' | 'compact';

/** Which actions the gateway serves: an action whose method it does not list is not offered. */
export function sessionActions(methods: readonly string[]): Record<SessionAction, boolean> {
  const patch = methods.includes('sessions.patch');
  return {
    rename: patch,
    model: patch,
    reset: methods.includes('sessions.reset'),
    delete: methods.includes('sessions.delete'),
    compact: methods.includes('sessions.compact'),
  };
}

export interface SessionsPage {
  sessions: SessionRow[];
  total: number;
  hasMore: boolean;
  defaultModel?: string;
}

export async function listSessions(request: GatewayRequest, search: string, offset = 0): Promise<SessionsPage> {
  const query = search.trim();
  const answer: SessionsListResult = parsed(
    'sessions.list',
    listResult,
    await request('sessions.list', {
      limit: SESSIONS_PAGE_SIZE,
      offset,
      includeDerivedTitles: true,
      includeLastMessage: true,
      ...(query === '' ? {} : { search: query.slice(0, 500) }),
    }),
  );
  const { modelProvider, model } = answer.defaults;
  return {
    sessions: answer.sessions,
    total: answer.totalCount ?? answer.count,
    hasMore: answer.hasMore ?? false,
    ...(model === undefined ? {} : { defaultModel: modelProvider === undefined ? model : `${modelProvider}/${model}` }),
  };
}

/** The name a person knows a session by: its label, else its first message, else its key. */
export function sessionTitle(row: SessionRow): string {
  return row.label?.trim() || row.derivedTitle?.trim() || row.key;
}

/** A new label; an empty one clears it. */
export async function renameSession(request: GatewayRequest, key: string, label: string): Promise<SessionRow> {
  const trimmed = label.trim();
  if (trimmed.length > 512) throw new Error('A session name can be at most 512 characters.');
  return parsed('sessions.patch', patchResult, await request('sessions.patch', { key, label: trimmed === '' ? null : trimmed })).entry;
}

/** The model the session's next turn uses (`provider/model`); an empty one returns it to the default. */
export async function setSessionModel(request: GatewayRequest, key: string, model: string): Promise<SessionRow> {
  const trimmed = model.trim();
  if (trimmed.length > 300) throw new Error('A model name can be at most 300 characters.');
  return parsed('sessions.patch', patchResult, await request('sessions.patch', { key, model: trimmed === '' ? null : trimmed })).entry;
}

export async function resetSession(request: GatewayRequest, row: SessionRow): Promise<SessionRow> {
  // expectedSessionId: a reset meant for the conversation on screen must not wipe a newer one.
  const params = { key: row.key, reason: 'reset', ...(row.sessionId ? { expectedSessionId: row.sessionId } : {}) };
  return parsed('sessions.reset', resetResult, await request('sessions.reset', params)).entry;
}

export async function deleteSession(request: GatewayRequest, key: string): Promise<boolean> {
  return parsed('sessions.delete', deleteResult, await request('sessions.delete', { key, deleteTranscript: true })).deleted;
}

export async function compactSession(request: GatewayRequest, key: string): Promise<SessionsCompactResult> {
  return parsed('sessions.compact', compactResult, await request('sessions.compact', { key }));
}

/** One sentence for what compacting did. */
export function describeCompaction(result: SessionsCompactResult): string {
  if (!result.compacted) return `Nothing to compact: all ${result.kept} messages stay.`;
  const how = result.summarized ? 'replaced by a summary' : `dropped without a summary${result.reason ? ` (${result.reason})` : ''}`;
  return `${result.removed} older messages ${how}; ${result.kept} kept.`;
}
