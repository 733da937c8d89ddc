import type { FeatureMigration } from '../feature.js';
import { prepared, transaction, type Database } from './database.js';

/**
 * Applies a feature's migrations that this database has not seen, each in its own transaction,
 * and records them under `<feature>/<id>`. The core tables keep their numbered history
 * (migrations.ts); a feature's tables are versioned by the feature alone, so adding a feature
 * never renumbers anything.
 */
export function applyFeatureMigrations(db: Database, feature: string, migrations: readonly FeatureMigration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS feature_migrations (
    id TEXT PRIMARY KEY,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const seen = prepared(db, 'SELECT 1 AS found FROM feature_migrations WHERE id = ?');
  const record = prepared(db, 'INSERT INTO feature_migrations (id, applied_at) VALUES (?, ?)');
  let applied = 0;
  for (const migration of migrations) {
    const id = `${feature}/${migration.id}`;
    if (seen.get(id)) continue;
    transaction(db, () => {
      migration.up(db);
      record.run(id, Date.now());
    });
    applied += 1;
  }
  return applied;
}
