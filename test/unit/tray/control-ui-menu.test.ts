import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionResult } from '../../../shared/ipc/contract.js';
import { openControlUi } from '../../../main/operator/control-ui-login.js';
import { runTrayAction, type TrayActionTargets } from '../../../main/tray/tray-actions.js';
import { trayMenuModel, type TrayMenuItem, type TrayState } from '../../../main/tray/tray-menu-model.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../../helpers/gateway-process.js';

const FINGERPRINT = '633d8ef9135404e9915872ac865e21b1d91133ba7f70f049b51bbd953bb71997';

function state(overrides: Partial<TrayState>): TrayState {
  return { gateway: 'running', approvals: 0, pairing: 0, launchAtLogin: false, ...overrides };
}

function labels(items: readonly TrayMenuItem[]): string[] {
  return items.flatMap((item) => (item.kind === 'separator' ? [] : [item.label]));
}

describe('tray menu: Open Control UI', () => {
  it('offers it while a gateway answers and the app can mint a code', () => {
    for (const gateway of ['running', 'attached', 'degraded'] as const) {
      const items = trayMenuModel(state({ gateway, controlUi: { available: true } })).items;
      expect(items).toContainEqual({ kind: 'action', action: 'open-control-ui', label: 'Open Control UI' });
    }
  });

  it('leaves it out when no gateway answers, or when the app cannot mint codes', () => {
    for (const gateway of ['stopped', 'starting', 'error'] as const) {
      expect(labels(trayMenuModel(state({ gateway, controlUi: { available: true } })).items)).not.toContain('Open Control UI');
    }
    expect(labels(trayMenuModel(state({})).items)).not.toContain('Open Control UI');
  });

  it('shows the TLS fingerprint in groups of four when the gateway serves HTTPS', () => {
    const items = trayMenuModel(state({ controlUi: { available: true, tlsFingerprint: FINGERPRINT } })).items;
    expect(items).toContainEqual({ kind: 'status', label: 'TLS SHA-256 633d 8ef9 1354 04e9 9158 72ac 865e 21b1 d911 33ba 7f70 f049 b51b bd95 3bb7 1997' });
    expect(labels(trayMenuModel(state({ controlUi: { available: true } })).items).some((label) => label.startsWith('TLS'))).toBe(false);
  });

  it('runs the Control UI target and reports a failure as a notification', async () => {
    const failures: string[] = [];
    let opened = 0;
    const targets: TrayActionTargets = {
      openView: () => undefined,
      gatewayIntent: async (): Promise<ActionResult> => ({ ok: true }),
      toggleLaunchAtLogin: () => undefined,
      quit: () => undefined,
      onFailure: (message) => failures.push(message),
      openControlUi: async () => {
        opened += 1;
        return opened === 1 ? { ok: true } : { ok: false, message: 'Could not open the Control UI: no gateway' };
      },
    };
    runTrayAction('open-control-ui', targets);
    runTrayAction('open-control-ui', targets);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(opened).toBe(2);
    expect(failures).toEqual(['Could not open the Control UI: no gateway']);
  });
});

describe('openControlUi against a real gateway', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('mints a code with the shared token and opens the signed-in URL', async () => {
    const opened: string[] = [];
    const result = await openControlUi(
      { url: gateway.url, secret: gateway.token, stateDir: gateway.stateDir },
      { openExternal: async (url) => void opened.push(url) },
    );
    expect(result.ok).toBe(true);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${gateway.port}/#code=[A-Za-z0-9_-]{32}$`));
  });

  it('says why when the token is wrong, and opens nothing', async () => {
    const opened: string[] = [];
    const result = await openControlUi({ url: gateway.url, secret: 'not-the-token', stateDir: gateway.stateDir }, { openExternal: async (url) => void opened.push(url) });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('refused to mint a login code') });
    expect(opened).toEqual([]);
  });

  it('reports a browser that cannot be started', async () => {
    const result = await openControlUi(
      { url: gateway.url, secret: gateway.token, stateDir: gateway.stateDir },
      { openExternal: async () => Promise.reject(new Error('no handler for https')) },
    );
    expect(result).toEqual({ ok: false, message: expect.stringContaining('no handler for https') });
  });
});
