import { describe, expect, it } from 'vitest';
import { approvalViews, pairingViews } from '../../../client/operator/pending-views.js';
import { gatewayStatusView } from '../../../main/companion/operator-views.js';
import { defaultModelOf, httpUrl, providerPatch } from '../../../client/config/provider-config.js';
import { gatewayUrl } from '../../../main/companion/settings-service.js';
import { EMPTY_SNAPSHOT, type OperatorSnapshot } from '../../../client/operator/operator-snapshot.js';
import { viewUrl, viewWindowSpecs } from '../../../main/windows/view-window-specs.js';
import { windowKinds } from '../../../shared/ipc/window-kinds.js';
import type { DevicePairRequest } from '../../../shared/protocol/devices/events.js';

const snapshot = (change: Partial<OperatorSnapshot>): OperatorSnapshot => ({ ...EMPTY_SNAPSHOT, ...change });

/** A device pairing request as the gateway announces it, with what `extra` changes. */
const devicePairing = (requestId: string, deviceId: string, extra: Partial<DevicePairRequest>): DevicePairRequest => ({
  requestId,
  deviceId,
  publicKey: `key-of-${deviceId}`,
  role: 'operator',
  roles: ['operator'],
  scopes: [],
  ts: 1,
  ...extra,
});

describe('operator views', () => {
  it('maps the status row: attached, retry, the paused connection’s next step, counts', () => {
    const view = gatewayStatusView(
      { state: 'error', url: 'ws://127.0.0.1:1', since: 5, detail: 'gave up' },
      { kind: 'paused', nextStep: { kind: 'check-token', message: 'Check the token.' }, detailCode: 'AUTH_TOKEN_MISMATCH', message: 'no', since: 6 },
      snapshot({ pendingPairings: [devicePairing('r', 'd', {})] }),
    );
    expect(view).toEqual({
      state: 'error',
      detail: 'gave up',
      url: 'ws://127.0.0.1:1',
      attached: false,
      since: 5,
      connection: { status: 'paused', nextStep: 'Check the token.' },
      counts: { approvals: 0, pairing: 1 },
      canRetry: true,
    });
  });

  it('puts device and node requests in one list, oldest first, flagging elevated access', () => {
    const views = pairingViews(
      snapshot({
        pendingPairings: [
          devicePairing('d-2', 'a'.repeat(64), { scopes: ['operator.read'], remoteIp: '10.0.0.2', ts: 30 }),
          devicePairing('d-1', 'dev', { displayName: 'Laptop', scopes: ['operator.admin'], ts: 10 }),
        ],
        pendingNodePairings: [
          { requestId: 'n-1', nodeId: 'node', displayName: 'Pi', commands: ['camera.snap'], ts: 20 },
          { requestId: 'n-2', nodeId: 'node2', commands: ['fs.listDir'], platform: 'linux', ts: 40 },
        ],
      }),
    );
    expect(views.map((view) => [view.requestId, view.kind, view.elevated])).toEqual([
      ['d-1', 'device', true],
      ['n-1', 'node', false],
      ['d-2', 'device', false],
      ['n-2', 'node', true],
    ]);
    expect(views[2]).toMatchObject({ name: `${'a'.repeat(12)}…`, address: '10.0.0.2', role: 'operator', commands: [] });
    expect(views[3]).toMatchObject({ name: 'node2', role: 'node', scopes: [], commands: ['fs.listDir'], platform: 'linux' });
    expect(pairingViews(undefined)).toEqual([]);
  });

  it('maps approvals oldest first, offering only the decisions the gateway allows', () => {
    const views = approvalViews(
      snapshot({
        execApprovals: {
          reloadable: true,
          pending: [
            { id: 'b', request: { command: 'ls', host: 'gateway', cwd: '', unavailableDecisions: ['allow-always'] }, createdAtMs: 2, expiresAtMs: 120 },
            { id: 'a', request: { command: 'pwd', host: 'node', nodeId: 'node-1', cwd: '/w' }, createdAtMs: 1, expiresAtMs: 99 },
          ],
        },
      }),
    );
    expect(views).toEqual([
      { id: 'a', command: 'pwd', cwd: '/w', host: 'node', createdAtMs: 1, expiresAtMs: 99, decisions: ['allow-once', 'allow-always', 'deny'] },
      { id: 'b', command: 'ls', host: 'gateway', createdAtMs: 2, expiresAtMs: 120, decisions: ['allow-once', 'deny'] },
    ]);
  });

  it('carries what the prompt must show: why the command is unsafe and the environment it runs with', () => {
    const [view] = approvalViews(
      snapshot({
        execApprovals: {
          reloadable: true,
          pending: [
            {
              id: 'e',
              request: { command: 'git fetch', host: 'gateway', warningText: 'unsafe: redirection >', env: { GIT_AUTHOR_NAME: 'x', GIT_DIR: '/tmp/other' } },
              createdAtMs: 1,
              expiresAtMs: 9,
            },
          ],
        },
      }),
    );
    expect(view).toMatchObject({
      warning: 'unsafe: redirection >',
      env: [
        { name: 'GIT_AUTHOR_NAME', value: 'x' },
        { name: 'GIT_DIR', value: '/tmp/other' },
      ],
    });
  });
});

describe('provider setup', () => {
  it('builds the config patch of each provider, leaving a saved key alone when none is given', () => {
    expect(providerPatch({ provider: 'anthropic', model: 'claude-sonnet-4-5', apiKey: 'sk-1' })).toEqual({
      ok: true,
      patch: { env: { vars: { ANTHROPIC_API_KEY: 'sk-1' } }, agents: { defaults: { model: 'anthropic/claude-sonnet-4-5' } } },
    });
    expect(providerPatch({ provider: 'openai', model: 'gpt-4.1' })).toEqual({ ok: true, patch: { agents: { defaults: { model: 'openai/gpt-4.1' } } } });
    expect(providerPatch({ provider: 'openai-compatible', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1', apiKey: 'k' })).toEqual({
      ok: true,
      patch: {
        models: { providers: { custom: { baseUrl: 'http://127.0.0.1:11434/v1', apiKey: 'k', api: 'openai-completions', models: [{ id: 'llama3.1', name: 'llama3.1' }] } } },
        agents: { defaults: { model: 'custom/llama3.1' } },
      },
    });
    expect(providerPatch({ provider: 'openai-compatible', model: 'm', baseUrl: 'ftp://x' })).toMatchObject({ ok: false });
  });

  it('accepts only plain http(s) and ws(s) URLs', () => {
    expect(httpUrl('https://user:pw@x.example')).toBeUndefined();
    expect(httpUrl('javascript:alert(1)')).toBeUndefined();
    expect(gatewayUrl('http://gateway.local:18789/')).toBe('ws://gateway.local:18789');
    expect(gatewayUrl('wss://g.example/path')).toBe('wss://g.example/path');
    expect(gatewayUrl('file:///etc/passwd')).toBeUndefined();
    expect(defaultModelOf({ agents: { defaults: { model: { primary: 'a/b' } } } })).toBe('a/b');
    expect(defaultModelOf({})).toBeUndefined();
  });
});

describe('view windows', () => {
  it('opens each view at its hash of the one entry URL', () => {
    expect(viewUrl('app://gatehouse/index.html', 'panel')).toBe('app://gatehouse/index.html');
    expect(viewUrl('app://gatehouse/index.html', 'chat')).toBe('app://gatehouse/index.html#chat');
    expect(viewUrl('http://localhost:5173/#old', 'approvals')).toBe('http://localhost:5173/#approvals');
  });

  it('keeps only the approval prompt above other windows, and every window a sane size', () => {
    expect(windowKinds.filter((view) => viewWindowSpecs[view].alwaysOnTop)).toEqual(['approvals']);
    for (const view of windowKinds) {
      const spec = viewWindowSpecs[view];
      expect(spec.width).toBeGreaterThanOrEqual(spec.minWidth);
      expect(spec.height).toBeGreaterThanOrEqual(spec.minHeight);
    }
    expect(viewWindowSpecs.approvals.width).toBeLessThan(viewWindowSpecs.chat.width);
  });
});
