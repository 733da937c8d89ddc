import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ModelCatalog } from '../../../gateway/agent/models/model-catalog.js';
import { discoverableProviders, ModelDiscovery } from '../../../gateway/agent/models/model-discovery.js';
import type { GatehouseConfig } from '../../../gateway/core/config/index.js';

const silent = pino({ level: 'silent' });

function catalogOf(models: unknown, env: Record<string, string> = {}): ModelCatalog {
  return new ModelCatalog({ models } as GatehouseConfig, env, '/tmp/gatehouse.json');
}

const LOCAL = {
  providers: {
    local: { baseUrl: 'http://127.0.0.1:1234/v1', apiKey: 'lm-key', api: 'openai-completions', models: [{ id: 'configured', name: 'Configured' }] },
    ollama: { baseUrl: 'http://127.0.0.1:11434', models: [] },
    claude: { baseUrl: 'http://127.0.0.1:9/', apiKey: 'k', api: 'anthropic-messages', models: [{ id: 'c', name: 'C' }] },
  },
};

/** A fetch that answers from a table and records what it was asked. */
function scriptedFetch(answers: Record<string, () => Response | Promise<Response>>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, headers: { ...(init?.headers as Record<string, string>) } });
    const answer = answers[url];
    if (!answer) throw new TypeError('fetch failed');
    return answer();
  }) as typeof fetch;
  return { fetchImpl, calls };
}

describe('model discovery', () => {
  it('asks openai-completions providers and ollama (with no listed models) but no other api', () => {
    const providers = discoverableProviders(catalogOf(LOCAL), {}, {});
    expect(providers.map((provider) => provider.id)).toEqual(['local', 'ollama']);
    const listedOllama = catalogOf({ providers: { ollama: { models: [{ id: 'llama3', name: 'Llama' }] } } });
    expect(discoverableProviders(listedOllama, {}, {}).map((p) => p.id)).toEqual([]);
    expect(discoverableProviders(listedOllama, {}, { OLLAMA_API_KEY: 'ollama-local' }).map((p) => p.id)).toEqual(['ollama']);
    expect(discoverableProviders(catalogOf(LOCAL), { mode: 'replace' }, {})).toEqual([]);
  });

  it('reads OpenAI and Ollama listings with the provider key, and caches them for a minute', async () => {
    let now = 1_000_000;
    const { fetchImpl, calls } = scriptedFetch({
      'http://127.0.0.1:1234/v1/models': () => Response.json({ object: 'list', data: [{ id: 'configured' }, { id: 'extra' }, { id: 'extra' }] }),
      'http://127.0.0.1:11434/api/tags': () => Response.json({ models: [{ name: 'llama3:8b', model: 'llama3:8b' }] }),
    });
    const discovery = new ModelDiscovery(silent, fetchImpl, () => now);
    const catalog = catalogOf(LOCAL);
    const [local, ollama] = discoverableProviders(catalog, {}, {});
    expect(await discovery.discover(local!, catalog)).toEqual({ provider: 'local', status: 'ready', modelIds: ['configured', 'extra'] });
    expect(await discovery.discover(ollama!, catalog)).toEqual({ provider: 'ollama', status: 'ready', modelIds: ['llama3:8b'] });
    expect(calls[0]!.headers.authorization).toBe('Bearer lm-key');
    expect(calls[1]!.headers.authorization).toBeUndefined();

    now += 59_000;
    await discovery.discover(local!, catalog);
    expect(calls).toHaveLength(2);
    now += 2_000;
    await discovery.discover(local!, catalog);
    expect(calls).toHaveLength(3);
  });

  it('reports refused keys, errors and odd answers without throwing, and retries failures sooner', async () => {
    let now = 0;
    let status = 401;
    const { fetchImpl, calls } = scriptedFetch({
      'http://127.0.0.1:1234/v1/models': () => new Response('{"error":"no"}', { status }),
    });
    const discovery = new ModelDiscovery(silent, fetchImpl, () => now);
    const catalog = catalogOf(LOCAL);
    const [local, ollama] = discoverableProviders(catalog, {}, {});
    expect(await discovery.discover(local!, catalog)).toEqual({ provider: 'local', status: 'auth-rejected', modelIds: [] });
    expect(await discovery.discover(ollama!, catalog)).toEqual({ provider: 'ollama', status: 'unavailable', modelIds: [] });

    now += 16_000;
    status = 200;
    expect((await discovery.discover(local!, catalog)).status).toBe('unavailable'); // 200, but not a model list
    expect(calls.filter((call) => call.url.endsWith('/v1/models'))).toHaveLength(2);
  });
});
