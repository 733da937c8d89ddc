import { isRecord, type SoakClient } from '../soak-client.js';
import { CONFIG_EDIT_LEVELS } from '../settings.js';

/**
 * One config edit as the Control UI makes it: `config.get` for the hash, then `config.patch`
 * against it, flipping `logging.level` between warn and info — a hot key (restart-rules.ts), so
 * the gateway applies it without restarting. A scheduled restart would cut every client off, so
 * it counts as a failure.
 */
export function configEdit(admin: SoakClient, timeoutMs: number): (n: number) => Promise<void> {
  return async (n) => {
    const level = CONFIG_EDIT_LEVELS[n % CONFIG_EDIT_LEVELS.length];
    const view = await admin.call('config.get', {}, timeoutMs);
    const baseHash = isRecord(view) ? view.hash : undefined;
    if (typeof baseHash !== 'string') throw new Error('config.get returned no hash');
    const result = await admin.call('config.patch', { raw: JSON.stringify({ logging: { level } }), baseHash }, timeoutMs);
    if (!isRecord(result) || result.ok !== true) throw new Error(`config.patch answered ${JSON.stringify(result)}`);
    if (isRecord(result.restart) && result.restart.scheduled === true) throw new Error(`config.patch of logging.level scheduled a restart`);
    if (!Array.isArray(result.changedPaths) || !result.changedPaths.includes('logging.level')) {
      throw new Error(`config.patch to ${level} changed ${JSON.stringify(result.changedPaths)}, not logging.level`);
    }
  };
}
