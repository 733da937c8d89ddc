import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../gateway/core/store/database.js';
import { applyFeatureMigrations } from '../../../gateway/core/store/feature-migrations.js';

describe('feature migrations', () => {
  it('applies each migration once, recorded under <feature>/<id>, and a failing one leaves nothing behind', () => {
    const db = openDatabase(':memory:');
    const migrations = [
      { id: '1-jobs', up: (d: typeof db) => d.exec('CREATE TABLE demo_jobs (id TEXT PRIMARY KEY)') },
      { id: '2-runs', up: (d: typeof db) => d.exec('CREATE TABLE demo_runs (id TEXT PRIMARY KEY)') },
    ];
    expect(applyFeatureMigrations(db, 'demo', migrations)).toBe(2);
    expect(applyFeatureMigrations(db, 'demo', migrations)).toBe(0);
    const ids = (db.prepare('SELECT id FROM feature_migrations ORDER BY id').all() as { id: string }[]).map((row) => row.id);
    expect(ids).toEqual(['demo/1-jobs', 'demo/2-runs']);

    const broken = [{ id: '3-broken', up: (d: typeof db) => d.exec('CREATE TABLE demo_half (id TEXT); THIS IS NOT SQL') }];
    expect(() => applyFeatureMigrations(db, 'demo', broken)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'demo_half'").get()).toBeUndefined();
    expect(applyFeatureMigrations(db, 'other', migrations.slice(0, 0))).toBe(0);
  });
});
