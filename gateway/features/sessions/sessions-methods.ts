import { addressSession, impliedAgentId } from '../../agent/session-addressing.js';
import { randomUUID } from 'node:crypto';
import { GatewayError, invalidRequest, unavailable } from '../../../shared/protocol/error-codes.js';
import {
  SessionsCompactParams,
  SessionsDeleteParams,
  SessionsListParams,
  SessionsPatchParams,
  SessionsPreviewParams,
  SessionsResetParams,
} from '../../../shared/protocol/sessions/params.js';
import type { Static } from 'typebox';
import { describeProviderError } from '../../agent/provider-errors.js';
import { planCompaction, summariseTranscript } from '../../agent/session-compaction.js';
import type { SessionAddress } from '../../agent/session-keys.js';
import { clip, displayRole, previewText, SessionRowBuilder } from '../../agent/session-rows.js';
import type { ModelCatalog } from '../../agent/models/model-catalog.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';
import { transaction } from '../../core/store/database.js';
import type { SessionRecord, SessionSettings } from '../../agent/store/sessions-repository.js';

const DEFAULT_PREVIEW_ITEMS = 12;
const DEFAULT_PREVIEW_CHARS = 240;
const DEFAULT_COMPACT_KEEP = 40;

/** Overrides sessions.patch sets verbatim (enums checked by the params schema); `null` clears. */
const PLAIN_SETTINGS = ['thinkingLevel', 'verboseLevel', 'reasoningLevel', 'responseUsage', 'elevatedLevel', 'sendPolicy', 'groupActivation'] as const;

type PatchParams = Static<typeof SessionsPatchParams.schema>;

/** `contextTokens` of the model entry (its effective budget), else its native window. */
function contextTokensOf(catalog: ModelCatalog, providerId: string, modelId: string, contextWindow: number): number {
  const entry = catalog.providers().find((provider) => provider.id === providerId)?.models.find((model) => model.id === modelId);
  return entry?.contextTokens ?? contextWindow;
}

export type SessionContext = Pick<FeatureContext, 'agents' | 'store' | 'logger' | 'config' | 'models'>;

export function sessionMethods(services: SessionContext): MethodDefinition[] {
  const { agents, store, logger } = services;
  /** Sessions being summarised: a reset, delete or second compaction waits for it to finish. */
  const compacting = new Set<string>();

  const rowBuilder = () =>
    new SessionRowBuilder({
      store,
      catalog: services.models(),
      roster: services.config.roster(),
      isActive: (sessionKey) => agents.activeForSession(sessionKey).length > 0,
    });

  /** Canonical key for a client's key; `requireAgent` refuses agents missing from the roster. */
  function address(key: string, agentId: string | undefined, requireAgent = false): SessionAddress {
    const roster = services.config.roster();
    const found = addressSession(roster, key, agentId, 'read');
    if (requireAgent && !roster.agents.some((agent) => agent.id === found.agentId)) {
      throw invalidRequest(`unknown agent: ${found.agentId}`, { code: 'UNKNOWN_AGENT', agentId: found.agentId });
    }
    return found;
  }

  function existing(sessionKey: string): SessionRecord {
    const session = store.sessions.get(sessionKey);
    if (!session) throw invalidRequest(`unknown session: ${sessionKey}`, { code: 'UNKNOWN_SESSION', key: sessionKey });
    return session;
  }

  /** Reset, delete and compact would pull the transcript out from under a run. */
  function assertIdle(sessionKey: string, action: string): void {
    const runIds = agents.activeForSession(sessionKey).map((run) => run.runId);
    if (runIds.length > 0) {
      throw invalidRequest(`cannot ${action} ${sessionKey} while a run is in progress: abort the run first (chat.abort)`, {
        code: 'SESSION_BUSY',
        runIds,
      });
    }
    if (compacting.has(sessionKey)) {
      throw invalidRequest(`cannot ${action} ${sessionKey} while it is being compacted; try again when sessions.compact has answered`, {
        code: 'SESSION_BUSY',
      });
    }
  }

  function applyPatch(session: SessionRecord, params: PatchParams, catalog: ModelCatalog): void {
    if (params.label === null) {
      delete session.label;
    } else if (params.label !== undefined) {
      const label = params.label.trim();
      if (label === '') throw invalidRequest('label must not be blank (send null to clear it)');
      const holder = store.sessions.list().find((other) => other.agentId === session.agentId && other.label === label && other.sessionKey !== session.sessionKey);
      if (holder) throw invalidRequest(`label already in use: "${label}" names ${holder.sessionKey}`, { code: 'LABEL_IN_USE', key: holder.sessionKey });
      session.label = label;
    }
    if (params.model === null) {
      delete session.settings.model;
    } else if (params.model !== undefined) {
      try {
        session.settings.model = catalog.resolve(params.model).ref;
      } catch (error) {
        if (error instanceof GatewayError) throw invalidRequest(error.message, error.details);
        throw error;
      }
    }
    const settings: SessionSettings = session.settings;
    for (const field of PLAIN_SETTINGS) {
      const value = params[field];
      if (value === null) delete settings[field];
      else if (value !== undefined) settings[field] = value;
    }
  }

  return [
    defineMethod({
      name: 'sessions.list',
      params: SessionsListParams,
      handler: ({ params }) => {
        const now = Date.now();
        const rows = rowBuilder();
        const roster = services.config.roster();
        const catalog = services.models();
        const agentId = params.agentId?.toLowerCase();
        const search = params.search?.trim().toLowerCase();
        const isActive = (key: string) => agents.activeForSession(key).length > 0;
        const matching = store.sessions.list().filter((session) => {
          if (agentId !== undefined && session.agentId !== agentId) return false;
          if (params.label !== undefined && session.label !== params.label) return false;
          if (params.activeMinutes !== undefined && session.updatedAtMs < now - params.activeMinutes * 60_000) return false;
          // This gateway spawns no sub-sessions, so no session has a parent to match.
          if (params.spawnedBy !== undefined) return false;
          if (params.activeOnly && !isActive(session.sessionKey)) return false;
          if (search) {
            const haystack = [session.sessionKey, session.label ?? '', rows.derivedTitle(session) ?? ''].join('\n').toLowerCase();
            if (!haystack.includes(search)) return false;
          }
          return true;
        });
        const offset = params.offset ?? 0;
        const page = matching.slice(offset, params.limit === undefined ? undefined : offset + params.limit);
        const hasMore = offset + page.length < matching.length;

        const defaultAgentId = impliedAgentId(roster, undefined, 'read');
        const defaultAgent = roster.agents.find((agent) => agent.id === defaultAgentId);
        let defaults: Record<string, unknown> = {};
        const defaultRef = catalog.defaultRefFor(defaultAgent);
        if (defaultRef) {
          try {
            const model = catalog.resolve(defaultRef);
            defaults = { modelProvider: model.providerId, model: model.modelId, contextTokens: contextTokensOf(catalog, model.providerId, model.modelId, model.contextWindow) };
          } catch {
            const slash = defaultRef.indexOf('/');
            defaults = slash > 0 ? { modelProvider: defaultRef.slice(0, slash), model: defaultRef.slice(slash + 1) } : { model: defaultRef };
          }
        }
        return {
          ts: now,
          path: store.file,
          count: page.length,
          defaults,
          sessions: page.map((session) => rows.row(session, { derivedTitle: params.includeDerivedTitles ?? false, lastMessage: params.includeLastMessage ?? false })),
          totalCount: matching.length,
          ...(params.limit !== undefined ? { limitApplied: params.limit } : {}),
          hasMore,
          ...(hasMore ? { nextOffset: offset + page.length } : {}),
        };
      },
    }),
    defineMethod({
      name: 'sessions.preview',
      params: SessionsPreviewParams,
      handler: ({ params }) => {
        const limit = params.limit ?? DEFAULT_PREVIEW_ITEMS;
        const maxChars = params.maxChars ?? DEFAULT_PREVIEW_CHARS;
        const seen = new Set<string>();
        const previews: { key: string; status: 'ok' | 'empty' | 'missing'; items: { role: string; text: string }[] }[] = [];
        for (const key of params.keys) {
          const { sessionKey } = address(key, undefined);
          if (seen.has(sessionKey)) continue;
          seen.add(sessionKey);
          const session = store.sessions.get(sessionKey);
          if (!session) {
            previews.push({ key: sessionKey, status: 'missing', items: [] });
            continue;
          }
          const items = store.transcript
            .page(sessionKey, session.sessionId, { limit })
            .map((row) => ({ role: displayRole(row), text: clip(previewText(row), maxChars) }))
            .filter((item) => item.text !== '');
          previews.push({ key: sessionKey, status: items.length > 0 ? 'ok' : 'empty', items });
        }
        return { ts: Date.now(), previews };
      },
    }),
    defineMethod({
      name: 'sessions.patch',
      params: SessionsPatchParams,
      handler: ({ params }) => {
        const { sessionKey, agentId } = address(params.key, params.agentId, true);
        const catalog = services.models();
        const now = Date.now();
        const current = store.sessions.get(sessionKey);
        // A patch before the first message creates the session, so a model can be picked up front.
        const session: SessionRecord = current
          ? { ...current, settings: { ...current.settings } }
          : { sessionKey, sessionId: randomUUID(), agentId, settings: {}, createdAtMs: now, updatedAtMs: now };
        applyPatch(session, params, catalog);
        session.updatedAtMs = now;
        store.sessions.save(session);
        const rows = rowBuilder();
        const resolved = rows.modelOf(session);
        return {
          ok: true,
          key: sessionKey,
          entry: rows.row(session, { derivedTitle: true }),
          ...(resolved ? { resolved } : {}),
        };
      },
    }),
    defineMethod({
      name: 'sessions.reset',
      params: SessionsResetParams,
      handler: ({ params }) => {
        const { sessionKey } = address(params.key, params.agentId);
        const session = existing(sessionKey);
        if (params.expectedSessionId !== undefined && params.expectedSessionId !== session.sessionId) {
          throw invalidRequest(`session ${sessionKey} is now ${session.sessionId}, not ${params.expectedSessionId}: reload it before resetting`, {
            code: 'SESSION_CHANGED',
            sessionId: session.sessionId,
          });
        }
        assertIdle(sessionKey, 'reset');
        const now = Date.now();
        // A new session under the same key: label and overrides stay, history and its summary do not.
        // The old transcript rows stay in the store under the old sessionId.
        const fresh: SessionRecord = { ...session, sessionId: randomUUID(), createdAtMs: now, updatedAtMs: now };
        delete fresh.compactedSummary;
        transaction(store.database, () => {
          store.sessions.delete(sessionKey);
          store.sessions.save(fresh);
        });
        logger.info({ sessionKey, reason: params.reason ?? 'reset', previousSessionId: session.sessionId, sessionId: fresh.sessionId }, 'session reset');
        return { ok: true, key: sessionKey, entry: rowBuilder().row(fresh) };
      },
    }),
    defineMethod({
      name: 'sessions.delete',
      params: SessionsDeleteParams,
      handler: ({ params }) => {
        const { sessionKey } = address(params.key, params.agentId);
        assertIdle(sessionKey, 'delete');
        let removedMessages = 0;
        const deleted = transaction(store.database, () => {
          const found = store.sessions.delete(sessionKey);
          if (params.deleteTranscript) removedMessages = store.transcript.deleteSession(sessionKey);
          return found;
        });
        logger.info({ sessionKey, deleted, removedMessages }, 'session deleted');
        return { ok: true, key: sessionKey, deleted, archived: [] };
      },
    }),
    defineMethod({
      name: 'sessions.compact',
      params: SessionsCompactParams,
      handler: async ({ params }) => {
        const { sessionKey } = address(params.key, params.agentId);
        const session = existing(sessionKey);
        assertIdle(sessionKey, 'compact');
        const maxLines = params.maxLines ?? DEFAULT_COMPACT_KEEP;
        const plan = planCompaction(store.transcript.context(sessionKey, session.sessionId), maxLines);
        if (plan.compact.length === 0) {
          return { ok: true, key: sessionKey, compacted: false, kept: plan.keep.length, removed: 0, summarized: false };
        }

        const roster = services.config.roster();
        const catalog = services.models();
        const agent = roster.agents.find((candidate) => candidate.id === session.agentId);
        const modelRef = session.settings.model ?? catalog.defaultRefFor(agent);
        let summary: string | undefined;
        compacting.add(sessionKey);
        try {
          if (modelRef) {
            // A model that is configured but unusable fails the call: compacting without a summary
            // would silently drop context the user expects the agent to keep.
            const model = catalog.resolve(modelRef);
            try {
              const result = await summariseTranscript(model, plan.compact, session.compactedSummary);
              if (result.usage) {
                const { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens } = result.usage;
                store.usage.record({
                  ts: Date.now(),
                  sessionKey,
                  agentId: session.agentId,
                  provider: model.providerId,
                  model: model.modelId,
                  inputTokens,
                  outputTokens,
                  cacheReadTokens,
                  cacheWriteTokens,
                });
              }
              summary = result.text;
            } catch (error) {
              const failure = describeProviderError(error, model.providerId);
              throw unavailable(`could not summarise ${sessionKey} with ${model.ref}; nothing was compacted: ${failure.message}`, {
                retryable: failure.retryable,
              });
            }
            if (!summary) throw unavailable(`${model.ref} returned an empty summary for ${sessionKey}; nothing was compacted`);
          }
          // The summary took time: compact only if this is still the session that was summarised.
          const latest = store.sessions.get(sessionKey);
          if (!latest || latest.sessionId !== session.sessionId) {
            throw invalidRequest(`session ${sessionKey} was reset or deleted while it was being compacted; nothing was compacted`);
          }
          const upToId = plan.compact.at(-1)!.id;
          const removed = transaction(store.database, () => {
            if (summary !== undefined) store.sessions.save({ ...latest, compactedSummary: summary, updatedAtMs: Date.now() });
            return store.transcript.markCompacted(sessionKey, session.sessionId, upToId);
          });
          const kept = store.transcript.count(sessionKey, session.sessionId);
          logger.info({ sessionKey, removed, kept, summarized: summary !== undefined }, 'session compacted');
          return {
            ok: true,
            key: sessionKey,
            compacted: removed > 0,
            kept,
            removed,
            summarized: summary !== undefined,
            ...(modelRef ? {} : { reason: 'no model is configured, so the compacted messages were dropped without a summary' }),
          };
        } finally {
          compacting.delete(sessionKey);
        }
      },
    }),
  ];
}
