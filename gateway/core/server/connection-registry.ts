import type { EventRecipient, RecipientSource } from '../events/event-bus.js';
import type { Connection } from './connection.js';

/** The live, authenticated connections: who receives broadcasts and who gets invalidated. */
export class ConnectionRegistry implements RecipientSource {
  private readonly ready = new Map<string, Connection>();

  add(connection: Connection): void {
    this.ready.set(connection.connId, connection);
  }

  remove(connection: Connection): boolean {
    return this.ready.delete(connection.connId);
  }

  recipients(): Iterable<EventRecipient> {
    return this.ready.values();
  }

  all(): Connection[] {
    return [...this.ready.values()];
  }

  get size(): number {
    return this.ready.size;
  }

  forDevice(deviceId: string, role?: string): Connection[] {
    return this.all().filter(
      (connection) => connection.session?.deviceId === deviceId && (role === undefined || connection.session.role === role),
    );
  }
}
