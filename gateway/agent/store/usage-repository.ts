import { prepared, type Database } from '../../core/store/database.js';

export interface UsageRecord {
  ts: number;
  sessionKey: string;
  agentId: string;
  runId?: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface UsageGroup extends UsageTotals {
  day: string;
  sessionKey: string;
  provider: string;
  model: string;
}

/** UTC calendar day of a timestamp, the bucket usage is reported by. */
export function usageDay(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}

export class UsageRepository {
  constructor(private readonly db: Database) {}

  record(usage: UsageRecord): void {
    prepared(this.db, 
        `INSERT INTO usage_records (ts, day, session_key, agent_id, run_id, provider, model, input_tokens, output_tokens,
           cache_read_tokens, cache_write_tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        usage.ts,
        usageDay(usage.ts),
        usage.sessionKey,
        usage.agentId,
        usage.runId ?? null,
        usage.provider,
        usage.model,
        usage.inputTokens,
        usage.outputTokens,
        usage.cacheReadTokens,
        usage.cacheWriteTokens,
      );
  }

  /** Token sums grouped by day, session, provider and model within [fromDay, toDay]. */
  grouped(fromDay: string, toDay: string): UsageGroup[] {
    return prepared(this.db, 
        `SELECT day, session_key AS sessionKey, provider, model,
           SUM(input_tokens) AS inputTokens, SUM(output_tokens) AS outputTokens,
           SUM(cache_read_tokens) AS cacheReadTokens, SUM(cache_write_tokens) AS cacheWriteTokens
         FROM usage_records WHERE day >= ? AND day <= ?
         GROUP BY day, session_key, provider, model ORDER BY day, session_key`,
      )
      .all(fromDay, toDay) as unknown as UsageGroup[];
  }

  sessionTotals(sessionKey: string): UsageTotals {
    return prepared(this.db, 
        `SELECT COALESCE(SUM(input_tokens), 0) AS inputTokens, COALESCE(SUM(output_tokens), 0) AS outputTokens,
           COALESCE(SUM(cache_read_tokens), 0) AS cacheReadTokens, COALESCE(SUM(cache_write_tokens), 0) AS cacheWriteTokens
         FROM usage_records WHERE session_key = ?`,
      )
      .get(sessionKey) as unknown as UsageTotals;
  }

  /** Token sums of one session key recorded at or after `sinceMs` (the current session, after a reset). */
  sessionTotalsSince(sessionKey: string, sinceMs: number): UsageTotals {
    return prepared(this.db, 
        `SELECT COALESCE(SUM(input_tokens), 0) AS inputTokens, COALESCE(SUM(output_tokens), 0) AS outputTokens,
           COALESCE(SUM(cache_read_tokens), 0) AS cacheReadTokens, COALESCE(SUM(cache_write_tokens), 0) AS cacheWriteTokens
         FROM usage_records WHERE session_key = ? AND ts >= ?`,
      )
      .get(sessionKey, sinceMs) as unknown as UsageTotals;
  }
}
