import { join } from 'node:path';
import { openDatabase, type Database } from './database.js';
import { DevicesRepository } from './devices-repository.js';
import { PairRequestsRepository } from './pair-requests-repository.js';
import { NodePairRequestsRepository } from './node-pair-requests-repository.js';
import { NodesRepository } from './nodes-repository.js';
import { ExecApprovalsRepository } from './exec-approvals-repository.js';
import { RunsRepository } from './runs-repository.js';
import { SessionsRepository } from './sessions-repository.js';
import { SystemEventsRepository } from './system-events-repository.js';
import { TranscriptRepository } from './transcript-repository.js';
import { UsageRepository } from './usage-repository.js';

/** The gateway's durable state: one SQLite file in the state dir, one repository per table group. */
export class GatewayStore {
  readonly devices: DevicesRepository;
  readonly pairRequests: PairRequestsRepository;
  readonly systemEvents: SystemEventsRepository;
  readonly sessions: SessionsRepository;
  readonly transcript: TranscriptRepository;
  readonly runs: RunsRepository;
  readonly usage: UsageRepository;
  readonly nodes: NodesRepository;
  readonly nodePairRequests: NodePairRequestsRepository;
  readonly execApprovals: ExecApprovalsRepository;

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
    this.nodes = new NodesRepository(db);
    this.nodePairRequests = new NodePairRequestsRepository(db);
    this.execApprovals = new ExecApprovalsRepository(db);
  }

  static open(stateDir: string): GatewayStore {
    const file = join(stateDir, 'gatehouse.sqlite');
    return new GatewayStore(file, openDatabase(file));
  }

  get database(): Database {
    return this.db;
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
