/**
 * A real gateway (dist/bundle) serving the real Control UI bundle on loopback, optionally with a
 * long session written beforehand through the gateway's own store (GatewayStore, the SQLite file
 * the gateway then opens), so the page reads it through chat.history like any other.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayStore } from '../../gateway/agent/store/gateway-store.js';
import { transaction } from '../../gateway/core/store/database.js';
import { GATEWAY_CLI_ENTRY } from '../paths.js';
import { startServerProcess, type ServerProcess } from '../server-process.js';
import { benchToken, INHERITED_OVERRIDES } from '../servers-under-test.js';
import { CONTROL_UI_ROOT } from './settings.js';

export interface UiGateway {
  readonly process: ServerProcess;
  readonly origin: string;
  readonly token: string;
  stop(): Promise<void>;
}

export const LONG_SESSION_KEY = 'agent:main:bench-long';

/** The text of the newest message: what the page must paint. */
export function newestMarker(count: number): string {
  return `bench message ${count} (newest)`;
}

/** The long session's name in the chat's session list. */
export const LONG_SESSION_LABEL = 'Long session';

/**
 * `count` alternating user/assistant messages in one session, the newest last, and a short
 * session updated later, which the chat opens first: the long one is then opened from the list.
 */
export function seedLongSession(stateDir: string, count: number): void {
  const store = GatewayStore.open(stateDir);
  try {
    const now = Date.now();
    const sessionId = 'bench-long-1';
    store.sessions.save({ sessionKey: LONG_SESSION_KEY, sessionId, agentId: 'main', label: LONG_SESSION_LABEL, settings: {}, createdAtMs: now - count * 1_000, updatedAtMs: now - 60_000 });
    store.sessions.save({ sessionKey: 'agent:main:bench-short', sessionId: 'bench-short-1', agentId: 'main', label: 'Short session', settings: {}, createdAtMs: now, updatedAtMs: now });
    store.transcript.append({ sessionKey: 'agent:main:bench-short', sessionId: 'bench-short-1', role: 'user', content: [{ type: 'text', text: 'hello' }], meta: {}, ts: now });
    transaction(store.database, () => {
      for (let index = 1; index <= count; index += 1) {
        const text = index === count ? newestMarker(count) : `bench message ${index}: ${'lorem ipsum dolor sit amet '.repeat(1 + (index % 5))}`;
        store.transcript.append({ sessionKey: LONG_SESSION_KEY, sessionId, role: index % 2 === 1 ? 'user' : 'assistant', content: [{ type: 'text', text }], meta: {}, ts: now - (count - index) * 1_000 });
      }
    });
  } finally {
    store.close();
  }
}

export async function startUiGateway(options: { longSession?: number } = {}): Promise<UiGateway> {
  const stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-ui-'));
  const token = benchToken();
  try {
    writeFileSync(join(stateDir, 'gatehouse.json'), JSON.stringify({ gateway: { controlUi: { root: CONTROL_UI_ROOT } } }));
    if (options.longSession !== undefined) seedLongSession(stateDir, options.longSession);
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of INHERITED_OVERRIDES) delete env[key];
    const child = await startServerProcess({ label: 'gateway', args: [GATEWAY_CLI_ENTRY, 'gateway', 'run', '--port', '0', '--state-dir', stateDir, '--token', token], env });
    return {
      process: child,
      origin: `http://127.0.0.1:${child.port}/`,
      token,
      async stop() {
        await child.stop();
        rmSync(stateDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(stateDir, { recursive: true, force: true });
    throw error;
  }
}
