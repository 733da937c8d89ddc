import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/config/atomic-write.js';

/** OpenClaw's defaults; an empty list means these. */
export const DEFAULT_TRIGGERS: readonly string[] = ['openclaw', 'claude', 'computer'];

/** Trimmed, blanks dropped, duplicates (ignoring case) dropped; empty → the defaults. */
export function normalizeTriggers(triggers: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of triggers) {
    const trigger = raw.trim();
    if (trigger === '' || seen.has(trigger.toLowerCase())) continue;
    seen.add(trigger.toLowerCase());
    out.push(trigger);
  }
  return out.length > 0 ? out : [...DEFAULT_TRIGGERS];
}

/**
 * The wake words, in `<state dir>/settings/voicewake.json` `{triggers, updatedAtMs}` as OpenClaw
 * keeps them. A missing or unreadable file means the defaults.
 */
export class VoicewakeStore {
  readonly path: string;
  private cached: string[] | undefined;

  constructor(stateDir: string, private readonly now: () => number) {
    this.path = join(stateDir, 'settings', 'voicewake.json');
  }

  get(): string[] {
    this.cached ??= this.read();
    return [...this.cached];
  }

  async set(triggers: readonly string[]): Promise<string[]> {
    const normalized = normalizeTriggers(triggers);
    await writeFileAtomic(this.path, `${JSON.stringify({ triggers: normalized, updatedAtMs: this.now() }, null, 2)}\n`);
    this.cached = normalized;
    return [...normalized];
  }

  private read(): string[] {
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as { triggers?: unknown };
      const triggers = Array.isArray(parsed.triggers) ? parsed.triggers.filter((item): item is string => typeof item === 'string').slice(0, 32) : [];
      return normalizeTriggers(triggers.map((trigger) => trigger.slice(0, 64)));
    } catch {
      return [...DEFAULT_TRIGGERS];
    }
  }
}
