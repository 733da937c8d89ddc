import type { PresenceEntry } from '../../../shared/protocol/connect.js';
import type { EventBus } from './event-bus.js';
import type { PresenceRegistry, PresenceSource } from './presence-registry.js';
import type { StateVersions } from './state-versions.js';

/**
 * The one place presence changes are announced: every change to the table bumps the presence
 * state version and broadcasts the whole list (spec §13.4), so no caller can forget either.
 */
export class PresencePublisher {
  constructor(
    private readonly registry: PresenceRegistry,
    private readonly bus: EventBus,
    private readonly versions: StateVersions,
  ) {}

  list(): PresenceEntry[] {
    return this.registry.list();
  }

  connect(source: PresenceSource, roles: string[], scopes: string[]): void {
    this.registry.connect(source, roles, scopes);
    this.publish();
  }

  /** `announce: false` while the gateway stops: the shutdown event says it all. */
  disconnect(key: string, connId: string, announce = true): void {
    if (this.registry.disconnect(key, connId) && announce) this.publish();
  }

  /** A row reported by a client (system-event), not backed by a connection. */
  report(key: string, entry: Omit<PresenceEntry, 'ts'>): void {
    this.registry.report(key, entry);
    this.publish();
  }

  /** Keeps a live connection's row from expiring; not a change anyone needs to hear about. */
  refresh(key: string): void {
    this.registry.refresh(key);
  }

  sweep(): void {
    if (this.registry.sweep()) this.publish();
  }

  private publish(): void {
    this.bus.broadcast('presence', { presence: this.registry.list() }, this.versions.bumpPresence());
  }
}
