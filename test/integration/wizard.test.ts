import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSON5 from 'json5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';
import { referenceErrors } from '../helpers/reference-schemas.js';

// The onboarding wizard end to end: a client answers each step over the protocol, and the
// gateway writes the answers through its own config path. Telegram points at a loopback port
// with nothing on it, so the bot it enables never reaches the internet; Anthropic is a local
// stand-in that accepts one key and refuses every other with its real 401.

const API_KEY = 'sk-ant-wizard-test-0123456789';
const BOT_TOKEN = '123456789:AAbbccddeeffgghhiijjkkllmmnnooppqq';
const FIRST_TOKEN = 'wizard-first-token-0123456789abcdef';

describe('wizard: onboarding', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  let root: string;
  let provider: ModelProviderServer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'gatehouse-wizard-'));
    provider = await ModelProviderServer.start();
    provider.acceptOnlyApiKey(API_KEY);
    const config = {
      models: { providers: { anthropic: { baseUrl: provider.anthropicBaseUrl } } },
      gateway: { auth: { token: FIRST_TOKEN } },
      channels: { telegram: { enabled: false, apiRoot: 'http://127.0.0.1:9' } } };
    // No --token: the config's token is the one in force, so the wizard's new one replaces it.
    gateway = await startGateway({ config: JSON.stringify(config), token: null, env: { ANTHROPIC_API_KEY: undefined, OPENAI_API_KEY: undefined } });
    admin = (await connectClient(gateway.url, { token: FIRST_TOKEN, client: { id: 'admin-ui', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    await provider.close();
    removeStateDir(gateway.stateDir);
    rmSync(root, { recursive: true, force: true });
  });

  async function answer(client: RawClient, sessionId: string, step: Frame, value?: unknown): Promise<Frame> {
    const payload = await client.call('wizard.next', { sessionId, answer: value === undefined ? { stepId: step.id } : { stepId: step.id, value } });
    expect(referenceErrors('WizardNextResult', payload)).toEqual([]);
    return payload;
  }

  it('runs one wizard at a time, walks every step, and writes the setup through the config path', async () => {
    const workspace = join(root, 'agents');
    const started = await admin.call('wizard.start', { workspace });
    expect(referenceErrors('WizardStartResult', started)).toEqual([]);
    expect(started).toMatchObject({ sessionId: expect.any(String), done: false, status: 'running', step: { type: 'note', title: 'Gatehouse setup' } });
    const { sessionId } = started;
    expect((await admin.request('wizard.start', {})).error).toMatchObject({ code: 'UNAVAILABLE', message: 'wizard already running' });
    expect((await admin.request('wizard.next', { sessionId, answer: { stepId: 'not-the-step' } })).error).toMatchObject({ code: 'INVALID_REQUEST', message: 'wizard: no pending step' });

    let step = (await answer(admin, sessionId, started.step)).step;
    expect(step).toMatchObject({ type: 'confirm', title: 'Security', initialValue: false });
    const wrong = await admin.request('wizard.next', { sessionId, answer: { stepId: step.id, value: 'yes' } });
    expect(wrong.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'wizard: the answer to a confirm step is true or false' });
    expect((await admin.call('wizard.status', { sessionId })).status).toBe('running');

    step = (await answer(admin, sessionId, step, true)).step;
    expect(step).toMatchObject({ type: 'select', options: expect.arrayContaining([expect.objectContaining({ value: 'anthropic' })]) });
    step = (await answer(admin, sessionId, step, 'anthropic')).step;
    expect(step).toMatchObject({ type: 'text', sensitive: true });
    expect((await admin.request('wizard.next', { sessionId, answer: { stepId: step.id, value: '' } })).error.message).toBe('wizard: an API key is needed for this provider');
    // A key the provider refuses: the check says why, and the key can be entered again.
    step = (await answer(admin, sessionId, step, 'sk-ant-wrong-key')).step;
    expect(step).toMatchObject({ type: 'progress', title: 'API key', executor: 'gateway' });
    expect(step.message).toContain(provider.anthropicBaseUrl);
    step = (await answer(admin, sessionId, step)).step;
    expect(step).toMatchObject({ type: 'select', title: 'API key check', message: 'Anthropic refused the key: HTTP 401: invalid x-api-key' });
    step = (await answer(admin, sessionId, step, 'retry')).step;
    expect(step).toMatchObject({ type: 'text', title: 'API key', sensitive: true });
    step = (await answer(admin, sessionId, step, API_KEY)).step;
    expect(step).toMatchObject({ type: 'progress' });
    step = (await answer(admin, sessionId, step)).step;
    const checks = provider.requests.filter((request) => request.provider === 'models');
    expect(checks.map((request) => request.headers['x-api-key'])).toEqual(['sk-ant-wrong-key', API_KEY]);
    expect(checks[0]!.headers['anthropic-version']).toBe('2023-06-01');
    expect(step).toMatchObject({ type: 'text', title: 'Default model', initialValue: 'anthropic/claude-opus-4-6' });
    step = (await answer(admin, sessionId, step)).step;
    expect(step).toMatchObject({ type: 'text', title: 'Workspace', initialValue: workspace });
    step = (await answer(admin, sessionId, step)).step;
    expect(step).toMatchObject({ type: 'select', title: 'Gateway token' });
    step = (await answer(admin, sessionId, step, 'generate')).step;
    expect(step).toMatchObject({ type: 'confirm', title: 'Telegram' });
    step = (await answer(admin, sessionId, step, true)).step;
    expect((await admin.request('wizard.next', { sessionId, answer: { stepId: step.id, value: 'not a token' } })).error.message).toContain('a bot token looks like');
    step = (await answer(admin, sessionId, step, BOT_TOKEN)).step;
    step = (await answer(admin, sessionId, step, 'allowlist')).step;
    step = (await answer(admin, sessionId, step, '111, 222')).step;
    expect(step).toMatchObject({ type: 'confirm', title: 'Review' });
    expect(step.message).toContain('ANTHROPIC_API_KEY (entered, not shown)');
    expect(step.message).toContain(`Workspace: ${workspace}`);

    const closed = admin.closed;
    const done = await answer(admin, sessionId, step, true);
    expect(done).toEqual({ done: true, status: 'done' });
    // No frame the client received ever carried a secret it typed.
    for (const text of admin.rawTexts) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(BOT_TOKEN);
    }

    const written = JSON5.parse(readFileSync(join(gateway.stateDir, 'gatehouse.json'), 'utf8'));
    expect(written).toMatchObject({
      env: { vars: { ANTHROPIC_API_KEY: API_KEY } },
      agents: { defaults: { model: 'anthropic/claude-opus-4-6', workspace } },
      gateway: { auth: { token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) } },
      channels: { telegram: { enabled: true, apiRoot: 'http://127.0.0.1:9', botToken: BOT_TOKEN, dmPolicy: 'allowlist', allowFrom: ['111', '222'] } },
    });
    expect(readFileSync(join(workspace, 'AGENTS.md'), 'utf8')).toContain('# AGENTS.md');
    expect(existsSync(join(workspace, 'HEARTBEAT.md'))).toBe(true);

    // env.vars needs a restart: this client is dropped, and after the restart the new token gets in.
    expect((await closed).code).toBe(1012);
    let again: RawClient | undefined;
    for (let attempt = 0; attempt < 50 && !again; attempt++) {
      try {
        again = (await connectClient(gateway.url, { token: written.gateway.auth.token, client: { id: 'admin-ui', mode: 'ui' } })).client;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(again, gateway.output()).toBeDefined();
    admin = again as RawClient;
    expect((await connectClient(gateway.url, { token: FIRST_TOKEN }).catch((error: Error) => error)) instanceof Error).toBe(true);
    const config = await admin.call('config.get', {});
    expect(config.config.env.vars.ANTHROPIC_API_KEY).toBe('__OPENCLAW_REDACTED__');
    expect((await admin.request('wizard.status', { sessionId })).error).toMatchObject({ code: 'INVALID_REQUEST', message: 'wizard not found', details: { code: 'WIZARD_NOT_FOUND' } });
  });

  it('ends as cancelled when the risk is not accepted, and on wizard.cancel', async () => {
    const first = await admin.call('wizard.start', {});
    const risk = (await answer(admin, first.sessionId, first.step)).step;
    expect(await answer(admin, first.sessionId, risk, false)).toEqual({ done: true, status: 'cancelled', error: 'risk not accepted' });

    const second = await admin.call('wizard.start', { flow: 'channels' });
    expect(second.step.message).toContain('Telegram');
    expect(await admin.call('wizard.cancel', { sessionId: second.sessionId })).toEqual({ status: 'cancelled', error: 'cancelled' });
    expect((await admin.request('wizard.next', { sessionId: second.sessionId })).error.message).toBe('wizard not found');
  });

  it('accepts seed 000 shapes while a single wizard runs', async () => {
    const started = await admin.call('wizard.start', {});
    const next = await admin.call('wizard.next', { stepId: started.step.id, response: true });
    expect(next.step).toMatchObject({ type: 'confirm', title: 'Security' });
    expect(await admin.call('wizard.cancel', {})).toEqual({ status: 'cancelled', error: 'cancelled' });
    expect((await admin.request('wizard.cancel', {})).error.message).toBe('wizard not found');
  });

  it('refuses a remote-mode start and channels it cannot set up', async () => {
    expect((await admin.request('wizard.start', { mode: 'remote' })).error).toMatchObject({ code: 'INVALID_REQUEST' });
    expect((await admin.request('wizard.start', { flow: 'channels', channel: 'whatsapp' })).error).toMatchObject({ code: 'INVALID_REQUEST' });
  });
});
