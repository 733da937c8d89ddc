import { join } from 'node:path';
import { openDatabase, type Database } from '../../core/store/database.js';
import { DevicesRepository } from '../../core/devices/devices-repository.js';
import { PairRequestsRepository } from '../../core/devices/pair-requests-repository.js';
import { RunsRepository } from './runs-repository.js';
import { SessionsRepository } from './sessions-repository.js';
import { SystemEventsRepository } from './system-events-repository.js';
import { TranscriptRepository } from './transcript-repository.js';
import { UsageRepository } from './usage-repository.js';
import { WalCheckpointer } from './wal-checkpointer.js';

/**
 * The gateway's durable state: one SQLite file in the state dir. It holds the repositories more
 * than one part of the gateway reads (devices for the handshake, the agent's sessions, runs and
 * transcripts); a feature builds the repositories only it uses from `database`.
 */
export class GatewayStore {
  readonly devices: DevicesRepository;
  readonly pairRequests: PairRequestsRepository;
  readonly systemEvents: SystemEventsRepository;
  readonly sessions: SessionsRepository;
  readonly transcript: TranscriptRepository;
  readonly runs: RunsRepository;
  readonly usage: UsageRepository;
  private readonly checkpointer: WalCheckpointer;

  private constructor(
    readonly file: string,
    private readonly db: Database,
  ) {
    this.devices = new DevicesRepository(db);
    this.pairRequests = new PairRequestsRepository(db);
    this.systemEvents = new SystemEventsRepository(db);
    this.sessions = new SessionsRepository(db);
    this.transcript = new TranscriptRepository(db);
    this.runs = new RunsRepository(db);
    this.usage = new UsageRepository(db);
    this.checkpointer = new WalCheckpointer(db, file);
  }

  static open(stateDir: string): GatewayStore {
    const file = join(stateDir, 'gatehouse.sqlite');
    return new GatewayStore(file, openDatabase(file));
  }

  get database(): Database {
    return this.db;
  }

  /**
   * From now on WAL checkpoints run on a worker thread, not inside commits on the event loop
   * (wal-checkpointer.ts). The agent runtime calls it with its first run; idempotent.
   */
  checkpointInBackground(onFailure: (error: unknown) => void): void {
    if (this.db.isOpen) this.checkpointer.start(onFailure);
  }

  close(): void {
    this.checkpointer.stop();
    if (this.db.isOpen) this.db.close();
  }
}
