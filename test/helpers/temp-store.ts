import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { GatewayStore } from '../../gateway/agent/store/gateway-store.js';

/**
 * A real GatewayStore in a fresh temp state dir per call, closed and removed after each test of
 * the file that calls this at its top level.
 */
export function tempStores(prefix: string): () => GatewayStore {
  const opened: { store: GatewayStore; dir: string }[] = [];
  afterEach(() => {
    for (const { store, dir } of opened.splice(0)) {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const store = GatewayStore.open(dir);
    opened.push({ store, dir });
    return store;
  };
}
