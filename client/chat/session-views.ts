/** sessions.list rows and models.list entries → the chat window's session and model choices. */
import type { ModelView, SessionView } from '../../shared/ipc/contract.js';
import type { ModelsListResult } from '../../shared/protocol/models/results.js';
import type { SessionRow } from '../../shared/protocol/sessions/results.js';

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
