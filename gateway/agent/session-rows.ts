import type { AgentRoster } from '../core/config/index.js';
import type { GatewayStore } from './store/gateway-store.js';
import type { SessionRecord } from './store/sessions-repository.js';
import type { TranscriptMessage } from './store/transcript-repository.js';
import { messageText } from './history-view.js';
import type { ModelCatalog } from './models/model-catalog.js';

const TITLE_MAX_CHARS = 60;
const LAST_MESSAGE_MAX_CHARS = 500;

/** A session as sessions.list / sessions.patch report it (spec methods.json SessionRow). */
export interface SessionRow {
  key: string;
  /** Reference SessionRow requires it: group/channel keys are `group`, everything else `direct`. */
  kind: 'direct' | 'group';
  sessionId: string;
  agentId: string;
  label?: string;
  derivedTitle?: string;
  updatedAt: number;
  createdAt: number;
  model?: string;
  modelProvider?: string;
  thinkingLevel?: string;
  verboseLevel?: string;
  reasoningLevel?: string;
  responseUsage?: string;
  elevatedLevel?: string;
  sendPolicy?: string;
  groupActivation?: string;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  lastMessage?: { role: string; text: string; timestamp: number };
  active: boolean;
}

export interface SessionRowOptions {
  derivedTitle?: boolean;
  lastMessage?: boolean;
}

/** Cuts text to `max` characters, the last one an ellipsis when anything was cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** The first user message on one line, about 60 characters: what a list shows for an unlabelled session. */
export function derivedTitleOf(firstUserText: string | undefined): string | undefined {
  const line = firstUserText?.replace(/\s+/g, ' ').trim();
  if (!line) return undefined;
  if (line.length <= TITLE_MAX_CHARS) return line;
  const cut = line.slice(0, TITLE_MAX_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space >= TITLE_MAX_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Display text of a transcript row, tool traffic named rather than dumped. */
export function previewText(row: TranscriptMessage): string {
  const text = messageText(row);
  if (text !== '') return text;
  const parts = row.content.flatMap((part) => {
    if (part.type === 'toolCall') return [`[tool call: ${part.name}]`];
    if (part.type === 'toolResult') return [`[tool result: ${part.name}${part.isError ? ' (error)' : ''}]`];
    if (part.type === 'image') return ['[image]'];
    return [];
  });
  return parts.join(' ');
}

export function displayRole(row: TranscriptMessage): string {
  return row.role === 'tool' ? 'toolResult' : row.role;
}

function sessionKind(sessionKey: string): SessionRow['kind'] {
  return /:(group|channel):/.test(sessionKey) ? 'group' : 'direct';
}

/**
 * Builds SessionRows for one request: the catalog and roster are read once, transcript and usage
 * per session. A model that no longer resolves is still shown as written.
 */
export class SessionRowBuilder {
  constructor(
    private readonly deps: {
      store: GatewayStore;
      catalog: ModelCatalog;
      roster: AgentRoster;
      isActive: (sessionKey: string) => boolean;
    },
  ) {}

  /** `provider/model` the next turn of this session would use, if any model is configured. */
  modelOf(session: Pick<SessionRecord, 'agentId' | 'settings'>): { modelProvider: string; model: string } | undefined {
    const agent = this.deps.roster.agents.find((candidate) => candidate.id === session.agentId);
    const ref = session.settings.model ?? this.deps.catalog.defaultRefFor(agent);
    if (!ref) return undefined;
    try {
      const resolved = this.deps.catalog.resolve(ref);
      return { modelProvider: resolved.providerId, model: resolved.modelId };
    } catch {
      const slash = ref.indexOf('/');
      return slash > 0 ? { modelProvider: ref.slice(0, slash), model: ref.slice(slash + 1) } : { modelProvider: '', model: ref };
    }
  }

  derivedTitle(session: SessionRecord): string | undefined {
    return derivedTitleOf(this.deps.store.transcript.firstUserText(session.sessionKey, session.sessionId));
  }

  row(session: SessionRecord, options: SessionRowOptions = {}): SessionRow {
    const { store } = this.deps;
    // Token counts belong to the current session: usage recorded since it began (a reset starts a new one).
    const usage = store.usage.sessionTotalsSince(session.sessionKey, session.createdAtMs);
    const settings = session.settings;
    const model = this.modelOf(session);
    const row: SessionRow = {
      key: session.sessionKey,
      kind: sessionKind(session.sessionKey),
      sessionId: session.sessionId,
      agentId: session.agentId,
      ...(session.label ? { label: session.label } : {}),
      updatedAt: session.updatedAtMs,
      createdAt: session.createdAtMs,
      ...(model?.modelProvider ? { modelProvider: model.modelProvider } : {}),
      ...(model ? { model: model.model } : {}),
      ...(settings.thinkingLevel ? { thinkingLevel: settings.thinkingLevel } : {}),
      ...(settings.verboseLevel ? { verboseLevel: settings.verboseLevel } : {}),
      ...(settings.reasoningLevel ? { reasoningLevel: settings.reasoningLevel } : {}),
      ...(settings.responseUsage ? { responseUsage: settings.responseUsage } : {}),
      ...(settings.elevatedLevel ? { elevatedLevel: settings.elevatedLevel } : {}),
      ...(settings.sendPolicy ? { sendPolicy: settings.sendPolicy } : {}),
      ...(settings.groupActivation ? { groupActivation: settings.groupActivation } : {}),
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      totalTokens: usage.inputTokens + usage.outputTokens,
      active: this.deps.isActive(session.sessionKey),
    };
    if (options.derivedTitle) {
      const title = this.derivedTitle(session);
      if (title) row.derivedTitle = title;
    }
    if (options.lastMessage) {
      const last = store.transcript.last(session.sessionKey, session.sessionId);
      if (last) row.lastMessage = { role: displayRole(last), text: clip(previewText(last), LAST_MESSAGE_MAX_CHARS), timestamp: last.ts };
    }
    return row;
  }
}
