import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS_MIGRATIONS } from '../../../gateway/features/channels/channels-migrations.js';
import { generatePairingCode, isPairingCode, PAIRING_CODE_ALPHABET, PAIRING_TTL_MS } from '../../../gateway/features/channels/pairing-codes.js';
import { SenderPairing } from '../../../gateway/features/channels/sender-pairing.js';
import { applyFeatureMigrations } from '../../../gateway/core/store/feature-migrations.js';
import { openDatabase, type Database } from '../../../gateway/core/store/database.js';

describe('pairing codes', () => {
  it('are 8 characters without look-alikes', () => {
    for (const lookAlike of ['0', 'O', '1', 'I']) expect(PAIRING_CODE_ALPHABET).not.toContain(lookAlike);
    for (let i = 0; i < 200; i += 1) {
      const code = generatePairingCode();
      expect(code).toHaveLength(8);
      expect(isPairingCode(code)).toBe(true);
    }
  });
});

describe('SenderPairing', () => {
  let db: Database;
  let now: number;
  let pairing: SenderPairing;
  const sender = (id: string) => ({ id, label: `User ${id}` });

  beforeEach(() => {
    db = openDatabase(':memory:');
    applyFeatureMigrations(db, 'channels', CHANNELS_MIGRATIONS);
    now = 1_000_000;
    pairing = new SenderPairing(db, () => now);
  });
  afterEach(() => db.close());

  it('gives a repeat sender the same code', () => {
    const first = pairing.request('telegram', 'default', sender('1'), '1');
    const again = pairing.request('telegram', 'default', sender('1'), '1');
    expect(first.kind).toBe('created');
    expect(again.kind).toBe('repeat');
    if (first.kind !== 'limited' && again.kind !== 'limited') expect(again.request.code).toBe(first.request.code);
  });

  it('keeps at most 3 pending requests per account', () => {
    for (const id of ['1', '2', '3']) expect(pairing.request('telegram', 'default', sender(id), id).kind).toBe('created');
    expect(pairing.request('telegram', 'default', sender('4'), '4').kind).toBe('limited');
    // Another account has its own three.
    expect(pairing.request('telegram', 'work', sender('4'), '4').kind).toBe('created');
  });

  it('forgets a code after one hour', () => {
    const first = pairing.request('telegram', 'default', sender('1'), '1');
    if (first.kind === 'limited') throw new Error('unexpected');
    now += PAIRING_TTL_MS;
    expect(pairing.list()).toEqual([]);
    expect(pairing.approve('telegram', 'default', first.request.code, 'op')).toBeUndefined();
    const second = pairing.request('telegram', 'default', sender('1'), '1');
    expect(second.kind).toBe('created');
  });

  it('stores an approval and removes the request', () => {
    const first = pairing.request('telegram', 'default', sender('42'), '42');
    if (first.kind === 'limited') throw new Error('unexpected');
    expect(pairing.isApproved('telegram', 'default', '42')).toBe(false);
    expect(pairing.approve('telegram', 'default', first.request.code, 'op')?.senderId).toBe('42');
    expect(pairing.isApproved('telegram', 'default', '42')).toBe(true);
    expect(pairing.list()).toEqual([]);
  });

  it('announces how each request ended: approved, dismissed, expired', () => {
    const ended: string[] = [];
    pairing.onResolved = (request, decision, by) => ended.push(`${request.senderId}:${decision}:${by ?? '-'}`);
    const a = pairing.request('telegram', 'default', sender('1'), '1');
    const b = pairing.request('telegram', 'default', sender('2'), '2');
    pairing.request('telegram', 'default', sender('3'), '3');
    if (a.kind === 'limited' || b.kind === 'limited') throw new Error('unexpected limit');
    pairing.approve('telegram', 'default', a.request.code, 'Tray');
    pairing.dismiss('telegram', 'default', b.request.code, 'CLI');
    now += PAIRING_TTL_MS;
    pairing.sweepExpired();
    pairing.sweepExpired();
    expect(ended).toEqual(['1:approved:Tray', '2:dismissed:CLI', '3:expired:-']);
  });
});
