/**
 * The tray's Control UI state and sign-in against real lock files in a temp dir: offered only
 * with a token, the fingerprint the gateway published shown and pinned, and a TLS gateway
 * reached over wss:// although the supervisor names it ws://.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockFilePath } from '../../../shared/gateway-host/lock-file.js';
import type { LoginCodeRequest } from '../../../shared/gateway-host/login-code-client.js';
import { openControlUi } from '../../../main/operator/control-ui-login.js';
import { controlUiTrayState } from '../../../main/tray/control-ui-state.js';

const FINGERPRINT = '633d8ef9135404e9915872ac865e21b1d91133ba7f70f049b51bbd953bb71997';

let stateDir: string;
beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-control-ui-'));
});
afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

const writeLock = (owner: object) => writeFileSync(lockFilePath(stateDir), JSON.stringify(owner));

describe('controlUiTrayState', () => {
  it('is unavailable without a token to mint codes with', () => {
    expect(controlUiTrayState(undefined)).toEqual({ available: false });
  });

  it('is available with the lock file’s fingerprint, or without one on plain HTTP or no lock', () => {
    const gateway = { url: 'ws://127.0.0.1:18789', secret: 'token', stateDir };
    expect(controlUiTrayState(gateway)).toEqual({ available: true });
    writeLock({ pid: 4242, port: 18789 });
    expect(controlUiTrayState(gateway)).toEqual({ available: true });
    writeLock({ pid: 4242, port: 18789, tlsFingerprint: FINGERPRINT });
    expect(controlUiTrayState(gateway)).toEqual({ available: true, tlsFingerprint: FINGERPRINT });
    expect(controlUiTrayState({ url: 'wss://gateway.example', secret: 'token' })).toEqual({ available: true });
  });
});

describe('openControlUi: which URL and pin', () => {
  function recorder() {
    const requests: LoginCodeRequest[] = [];
    const opened: string[] = [];
    const ports = {
      openExternal: async (url: string) => void opened.push(url),
      requestLoginCode: async (request: LoginCodeRequest) => {
        requests.push(request);
        return { code: 'c'.repeat(32), expiresAtMs: 1, url: 'https://127.0.0.1:18789/#code=' + 'c'.repeat(32) };
      },
    };
    return { requests, opened, ports };
  }

  it('pins the published fingerprint and speaks TLS to a gateway that serves it', async () => {
    writeLock({ pid: 4242, tlsFingerprint: FINGERPRINT });
    const { requests, opened, ports } = recorder();
    const result = await openControlUi({ url: 'ws://127.0.0.1:18789', secret: 'token', stateDir }, ports);
    expect(result.ok).toBe(true);
    expect(requests).toEqual([{ gatewayUrl: 'wss://127.0.0.1:18789', basePath: '/', secret: 'token', tlsFingerprint: FINGERPRINT }]);
    expect(opened).toHaveLength(1);
  });

  it('uses a remote gateway’s URL as given, with nothing to pin', async () => {
    const { requests, ports } = recorder();
    await openControlUi({ url: 'ws://10.0.0.5:18789', secret: 'token' }, ports);
    expect(requests).toEqual([{ gatewayUrl: 'ws://10.0.0.5:18789', basePath: '/', secret: 'token' }]);
  });
});
