import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TtsProviderId } from '../../../shared/protocol/tts/params.js';
import { writeFileAtomic } from '../../core/config/atomic-write.js';
import { normalizeProvider } from './tts-settings.js';

export interface TtsPrefs {
  enabled?: boolean;
  provider?: TtsProviderId;
}

/**
 * What tts.enable/disable/setProvider chose, in `<state dir>/settings/tts.json` (OpenClaw keeps
 * them there too): a user's choice beats the config's. Unreadable means none.
 */
export class TtsPrefsFile {
  readonly path: string;

  constructor(stateDir: string) {
    this.path = join(stateDir, 'settings', 'tts.json');
  }

  read(): TtsPrefs {
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as { tts?: { enabled?: unknown; provider?: unknown } };
      const prefs: TtsPrefs = {};
      if (typeof parsed.tts?.enabled === 'boolean') prefs.enabled = parsed.tts.enabled;
      const provider = normalizeProvider(parsed.tts?.provider);
      if (provider) prefs.provider = provider;
      return prefs;
    } catch {
      return {};
    }
  }

  async update(change: TtsPrefs): Promise<TtsPrefs> {
    const next = { ...this.read(), ...change };
    await writeFileAtomic(this.path, `${JSON.stringify({ tts: next }, null, 2)}\n`);
    return next;
  }
}
