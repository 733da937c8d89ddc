import type { PresenceEntry } from '../../../shared/protocol/connect.js';
import { PRESENCE_MAX_ENTRIES, PRESENCE_TTL_MS } from '../../../shared/protocol/limits.js';

export interface PresenceSource {
  key: string;
  connId?: string;
  entry: Omit<PresenceEntry, 'ts'>;
}

interface Row {
  entry: PresenceEntry;
  /** Live connections backing this row; a row with none expires by TTL. */
  connIds: Set<string>;
  rolesByConn: Map<string, { roles: string[]; scopes: string[] }>;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/**
 * The presence table of spec §13.4: one row per device (else instance id, else connection),
 * merging the roles and scopes of all of a device's connections.
 */
export class PresenceRegistry {
  private readonly rows = new Map<string, Row>();
  private readonly selfEntry: PresenceEntry;

  constructor(self: Omit<PresenceEntry, 'ts' | 'reason' | 'mode'>, private readonly now: () => number = Date.now) {
    this.selfEntry = { ...self, mode: 'gateway', reason: 'self', ts: now() };
  }

  /** Adds or refreshes a connection's row. */
  connect(source: PresenceSource, roles: string[], scopes: string[]): void {
    const row = this.rows.get(source.key) ?? { entry: { ts: 0 }, connIds: new Set(), rolesByConn: new Map() };
    if (source.connId) {
      row.connIds.add(source.connId);
      row.rolesByConn.set(source.connId, { roles, scopes });
    }
    row.entry = { ...row.entry, ...source.entry, ts: this.now(), reason: 'connect', ...this.mergedRoles(row) };
    this.rows.set(source.key, row);
    this.enforceLimit(source.key);
  }

  /** Returns true when the table changed (the last connection of a row went away). */
  disconnect(key: string, connId: string): boolean {
    const row = this.rows.get(key);
    if (!row || !row.connIds.delete(connId)) return false;
    row.rolesByConn.delete(connId);
    if (row.connIds.size === 0) {
      this.rows.delete(key);
    } else {
      row.entry = { ...row.entry, ...this.mergedRoles(row), ts: this.now() };
    }
    return true;
  }

  /** A `system-event` report: updates (or creates) a row that lives until its TTL. */
  report(key: string, entry: Omit<PresenceEntry, 'ts'>): void {
    const row = this.rows.get(key) ?? { entry: { ts: 0 }, connIds: new Set(), rolesByConn: new Map() };
    row.entry = { ...row.entry, ...entry, ts: this.now() };
    this.rows.set(key, row);
    this.enforceLimit(key);
  }

  refresh(key: string): void {
    const row = this.rows.get(key);
    if (row) row.entry.ts = this.now();
  }

  /** Removes rows not refreshed within the TTL; true when anything went. */
  sweep(): boolean {
    const cutoff = this.now() - PRESENCE_TTL_MS;
    let changed = false;
    for (const [key, row] of this.rows) {
      if (row.connIds.size === 0 && row.entry.ts < cutoff) {
        this.rows.delete(key);
        changed = true;
      }
    }
    return changed;
  }

  list(): PresenceEntry[] {
    const self = { ...this.selfEntry, ts: this.now() };
    const entries = [...this.rows.values()].map((row) => row.entry);
    return [self, ...entries.sort((a, b) => b.ts - a.ts)];
  }

  private mergedRoles(row: Row): { roles?: string[]; scopes?: string[] } {
    const all = [...row.rolesByConn.values()];
    if (all.length === 0) return {};
    const roles = unique(all.flatMap((item) => item.roles));
    const scopes = unique(all.flatMap((item) => item.scopes));
    return scopes.length > 0 ? { roles, scopes } : { roles };
  }

  /**
   * Keeps at most PRESENCE_MAX_ENTRIES rows (the self row counts). The row just written is never
   * the one evicted: rows without a live connection go first (oldest first), then the oldest
   * connected ones (their connections still work; they just stop being listed).
   */
  private enforceLimit(justWritten: string): void {
    while (this.rows.size > PRESENCE_MAX_ENTRIES - 1) {
      let oldestKey: string | undefined;
      let oldestTs = Infinity;
      let oldestConnected = true;
      for (const [key, row] of this.rows) {
        if (key === justWritten) continue;
        const connected = row.connIds.size > 0;
        if ((oldestConnected && !connected) || (connected === oldestConnected && row.entry.ts < oldestTs)) {
          oldestConnected = connected;
          oldestTs = row.entry.ts;
          oldestKey = key;
        }
      }
      if (oldestKey === undefined) return;
      this.rows.delete(oldestKey);
    }
  }
}
