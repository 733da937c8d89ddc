import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TRIGGERS, normalizeTriggers, VoicewakeStore } from '../../../gateway/features/voicewake/voicewake-store.js';

describe('voicewake store', () => {
  const dirs: string[] = [];
  const stateDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-voicewake-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('trims, drops blanks and case-insensitive duplicates; nothing left means the defaults', () => {
    expect(normalizeTriggers([' Hey ', 'hey', '', 'Computer'])).toEqual(['Hey', 'Computer']);
    expect(normalizeTriggers(['  '])).toEqual([...DEFAULT_TRIGGERS]);
  });

  it('persists in settings/voicewake.json and reads it back in a new store', async () => {
    const dir = stateDir();
    const store = new VoicewakeStore(dir, () => 1234);
    expect(store.get()).toEqual([...DEFAULT_TRIGGERS]);
    await store.set(['jarvis']);
    expect(JSON.parse(readFileSync(join(dir, 'settings', 'voicewake.json'), 'utf8'))).toEqual({ triggers: ['jarvis'], updatedAtMs: 1234 });
    expect(new VoicewakeStore(dir, () => 0).get()).toEqual(['jarvis']);
  });

  it('reads a damaged or hand-edited file safely: defaults, or its strings within the limits', () => {
    const dir = stateDir();
    mkdirSync(join(dir, 'settings'));
    writeFileSync(join(dir, 'settings', 'voicewake.json'), '{not json');
    expect(new VoicewakeStore(dir, () => 0).get()).toEqual([...DEFAULT_TRIGGERS]);
    writeFileSync(join(dir, 'settings', 'voicewake.json'), JSON.stringify({ triggers: [1, 'ok', 'x'.repeat(100), ...Array.from({ length: 40 }, (_, i) => `w${i}`)] }));
    const read = new VoicewakeStore(dir, () => 0).get();
    expect(read[0]).toBe('ok');
    expect(read[1]).toHaveLength(64);
    expect(read.length).toBeLessThanOrEqual(32);
  });
});
