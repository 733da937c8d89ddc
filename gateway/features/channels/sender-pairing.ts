import { prepared, transaction, type Database } from '../../core/store/database.js';
import { generatePairingCode, PAIRING_MAX_PENDING_PER_ACCOUNT, PAIRING_TTL_MS } from './pairing-codes.js';

export interface SenderPairingRequest {
  readonly channel: string;
  readonly accountId: string;
  readonly code: string;
  readonly senderId: string;
  readonly senderLabel: string;
  /** Where the approval notice goes (the sender's DM). */
  readonly replyTarget: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly expiresAt: number;
}

export type PairingRequestOutcome =
  | { readonly kind: 'created' | 'repeat'; readonly request: SenderPairingRequest }
  /** Three codes are pending on this account already: no new one until one is resolved or expires. */
  | { readonly kind: 'limited' };

interface RequestRow {
  channel: string;
  account_id: string;
  code: string;
  sender_id: string;
  sender_label: string;
  reply_target: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

function toRequest(row: RequestRow): SenderPairingRequest {
  return {
    channel: row.channel,
    accountId: row.account_id,
    code: row.code,
    senderId: row.sender_id,
    senderLabel: row.sender_label,
    replyTarget: row.reply_target,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

/**
 * DM pairing (research note §3): an unknown sender gets a code, an operator approves it, the
 * approval is kept in SQLite. Expired requests are swept whenever requests are read or made.
 */
export type PairingDecision = 'approved' | 'dismissed' | 'expired';

export class SenderPairing {
  /** Told of every request that ends: approved, dismissed, or expired (noticed on the next sweep). */
  onResolved: ((request: SenderPairingRequest, decision: PairingDecision, by?: string) => void) | undefined;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
    private readonly newCode: () => string = generatePairingCode,
  ) {}

  isApproved(channel: string, accountId: string, senderId: string): boolean {
    return prepared(this.db, 'SELECT 1 AS found FROM channel_approved_senders WHERE channel = ? AND account_id = ? AND sender_id = ?').get(channel, accountId, senderId) !== undefined;
  }

  approvedSenders(channel: string, accountId: string): string[] {
    return (prepared(this.db, 'SELECT sender_id FROM channel_approved_senders WHERE channel = ? AND account_id = ? ORDER BY approved_at').all(channel, accountId) as { sender_id: string }[]).map((row) => row.sender_id);
  }

  request(channel: string, accountId: string, sender: { id: string; label: string }, replyTarget: string): PairingRequestOutcome {
    return transaction(this.db, () => {
      this.sweep();
      const now = this.now();
      const existing = prepared(this.db, 'SELECT * FROM channel_pairing_requests WHERE channel = ? AND account_id = ? AND sender_id = ?').get(channel, accountId, sender.id) as unknown as RequestRow | undefined;
      if (existing) {
        prepared(this.db, 'UPDATE channel_pairing_requests SET last_seen_at = ? WHERE channel = ? AND account_id = ? AND code = ?').run(now, channel, accountId, existing.code);
        return { kind: 'repeat', request: toRequest({ ...existing, last_seen_at: now }) };
      }
      const pending = prepared(this.db, 'SELECT COUNT(*) AS n FROM channel_pairing_requests WHERE channel = ? AND account_id = ?').get(channel, accountId) as { n: number };
      if (pending.n >= PAIRING_MAX_PENDING_PER_ACCOUNT) return { kind: 'limited' };
      let code = this.newCode();
      while (this.findRow(channel, accountId, code)) code = this.newCode();
      const row: RequestRow = {
        channel,
        account_id: accountId,
        code,
        sender_id: sender.id,
        sender_label: sender.label,
        reply_target: replyTarget,
        created_at: now,
        last_seen_at: now,
        expires_at: now + PAIRING_TTL_MS,
      };
      prepared(this.db, `INSERT INTO channel_pairing_requests (channel, account_id, code, sender_id, sender_label, reply_target, created_at, last_seen_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(row.channel, row.account_id, row.code, row.sender_id, row.sender_label, row.reply_target, row.created_at, row.last_seen_at, row.expires_at);
      return { kind: 'created', request: toRequest(row) };
    });
  }

  list(filter: { channel?: string; accountId?: string } = {}): SenderPairingRequest[] {
    this.sweep();
    const rows = prepared(this.db, 'SELECT * FROM channel_pairing_requests ORDER BY created_at').all() as unknown as RequestRow[];
    return rows.map(toRequest).filter((r) => (filter.channel === undefined || r.channel === filter.channel) && (filter.accountId === undefined || r.accountId === filter.accountId));
  }

  find(channel: string, accountId: string, code: string): SenderPairingRequest | undefined {
    this.sweep();
    const row = this.findRow(channel, accountId, code);
    return row ? toRequest(row) : undefined;
  }

  /** Approves a pending request; undefined when there is none (unknown, expired or already resolved). */
  approve(channel: string, accountId: string, code: string, approvedBy: string): SenderPairingRequest | undefined {
    const approved = transaction(this.db, () => {
      const request = this.find(channel, accountId, code);
      if (!request) return undefined;
      prepared(this.db, `INSERT OR REPLACE INTO channel_approved_senders (channel, account_id, sender_id, approved_at, approved_by) VALUES (?, ?, ?, ?, ?)`).run(channel, accountId, request.senderId, this.now(), approvedBy);
      this.remove(channel, accountId, code);
      return request;
    });
    if (approved) this.onResolved?.(approved, 'approved', approvedBy);
    return approved;
  }

  dismiss(channel: string, accountId: string, code: string, dismissedBy?: string): SenderPairingRequest | undefined {
    const request = this.find(channel, accountId, code);
    if (request) {
      this.remove(channel, accountId, code);
      this.onResolved?.(request, 'dismissed', dismissedBy);
    }
    return request;
  }

  /** Removes the requests past their hour, announcing each (the service runs it once a minute). */
  sweepExpired(): void {
    this.sweep();
  }

  private findRow(channel: string, accountId: string, code: string): RequestRow | undefined {
    return prepared(this.db, 'SELECT * FROM channel_pairing_requests WHERE channel = ? AND account_id = ? AND code = ?').get(channel, accountId, code) as unknown as RequestRow | undefined;
  }

  private remove(channel: string, accountId: string, code: string): void {
    prepared(this.db, 'DELETE FROM channel_pairing_requests WHERE channel = ? AND account_id = ? AND code = ?').run(channel, accountId, code);
  }

  private sweep(): void {
    const now = this.now();
    const expired = prepared(this.db, 'SELECT * FROM channel_pairing_requests WHERE expires_at <= ?').all(now) as unknown as RequestRow[];
    if (expired.length === 0) return;
    prepared(this.db, 'DELETE FROM channel_pairing_requests WHERE expires_at <= ?').run(now);
    for (const row of expired) this.onResolved?.(toRequest(row), 'expired');
  }
}
