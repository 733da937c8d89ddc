import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStreamEvent } from '../../../gateway/agent/active-run.js';
import { AgentRuntime } from '../../../gateway/agent/agent-runtime.js';
import { ModelCatalog } from '../../../gateway/agent/models/model-catalog.js';
import type { GatehouseConfig } from '../../../gateway/core/config/index.js';
import { resolveAgentRoster } from '../../../gateway/core/config/agent-roster.js';
import { EventBus } from '../../../gateway/core/events/event-bus.js';
import { ModelProviderServer } from '../../fixtures/model-provider/index.js';
import { tempStores } from '../../helpers/temp-store.js';

// A channel reply goes out when the model's last step ends (reply-end); undici writes it in a
// setImmediate. The run's end rows are written after that, not in front of it.

const openStore = tempStores('run-end-after-reply-');

describe('the end of a run and a reply sent at reply-end', () => {
  let provider: ModelProviderServer;
  let workspace: string;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    workspace = mkdtempSync(join(tmpdir(), 'run-end-after-reply-ws-'));
  });
  afterAll(async () => {
    await provider.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  function runtimeWith(): { runtime: AgentRuntime; store: ReturnType<typeof openStore> } {
    const store = openStore();
    const config = {
      models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock' }] } } },
      agents: { defaults: { model: 'mock/mock-model', workspace } },
    } as unknown as GatehouseConfig;
    const catalog = new ModelCatalog(config, {}, '/nonexistent/gatehouse.json');
    const roster = resolveAgentRoster(config, workspace, {});
    const runtime = new AgentRuntime({
      store,
      bus: new EventBus({ recipients: () => [] }),
      logger: pino({ level: 'silent' }),
      catalog: () => catalog,
      roster: () => roster,
      limits: () => ({ timeoutSeconds: 60, maxConcurrent: 4 }),
      configPath: () => '/nonexistent/gatehouse.json',
      tools: { toolsFor: () => ({}) },
    });
    return { runtime, store };
  }

  it('writes the run’s end after an Immediate queued at reply-end, and still before done', async () => {
    const { runtime, store } = runtimeWith();
    provider.enqueue({ text: ['All ', 'good.'] });
    const { run, durable } = runtime.accept(runtime.prepare({ kind: 'agent', runId: 'reply-first', sessionKey: 'main', message: 'status?', attachments: [] }));
    await durable;
    const seenAtTheWrite: string[] = [];
    run.observe((event: RunStreamEvent) => {
      // Where undici would write the reply's request.
      if (event.kind === 'reply-end') setImmediate(() => seenAtTheWrite.push(store.runs.get('agent', 'reply-first')?.status ?? 'missing'));
    });
    const result = await run.done;
    expect(result).toMatchObject({ status: 'ok', text: 'All good.' });
    expect(seenAtTheWrite).toEqual(['running']);
    expect(store.runs.get('agent', 'reply-first')).toMatchObject({ status: 'ok' });
  });

  it('a gateway stop in that moment does not turn a finished turn into a cut-off one', async () => {
    const { runtime, store } = runtimeWith();
    provider.enqueue({ text: ['Done ', 'already.'] });
    const { run, durable } = runtime.accept(runtime.prepare({ kind: 'agent', runId: 'stopped-after', sessionKey: 'main', message: 'status?', attachments: [] }));
    await durable;
    let stopped: Promise<void> | undefined;
    run.observe((event: RunStreamEvent) => {
      if (event.kind === 'reply-end') setImmediate(() => (stopped = runtime.shutdown()));
    });
    expect(await run.done).toMatchObject({ status: 'ok', text: 'Done already.' });
    await stopped;
    // A run left "running" would be resumed by the next process and answer a second time.
    expect(store.runs.get('agent', 'stopped-after')).toMatchObject({ status: 'ok' });
  });
});
