import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../shared/protocol/error-codes.js';
import { BrowserRelay, type BrowserRelayDeps } from '../../../gateway/features/browser/browser-request.js';

// The relay's choices without a gateway: which node, which error, what happens to files.

type Live = { nodeId: string; metadata: { displayName?: string }; declared: { caps: string[]; commands: string[] } };

function relay(nodes: Live[], answer: (params: unknown) => Promise<unknown>, options: { enabled?: boolean; dir?: string } = {}) {
  const invoked: unknown[] = [];
  const deps = {
    nodes: {
      registry: { all: () => nodes },
      invoke: async (request: { params?: unknown }) => {
        invoked.push(request);
        return { ok: true, nodeId: 'n', command: 'browser.proxy', payload: await answer(request.params), payloadJSON: null };
      },
    },
    filesDir: options.dir ?? join(tmpdir(), 'unused'),
    enabled: () => options.enabled ?? true,
  } as unknown as BrowserRelayDeps;
  return { relay: new BrowserRelay(deps), invoked };
}

const browserNode = (nodeId: string, displayName?: string): Live => ({ nodeId, metadata: displayName ? { displayName } : {}, declared: { caps: ['browser'], commands: [] } });
const plainNode: Live = { nodeId: 'plain', metadata: {}, declared: { caps: ['camera'], commands: ['camera.snap'] } };

describe('browser relay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-browser-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is off when browser.enabled is false, and has nothing to use without a browser node', async () => {
    await expect(relay([browserNode('a')], async () => ({ result: 1 }), { enabled: false }).relay.request({ method: 'GET', path: '/' })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'browser control is disabled',
    });
    await expect(relay([plainNode], async () => ({})).relay.request({ method: 'GET', path: '/' })).rejects.toMatchObject({ message: 'browser control is disabled: no browser node connected' });
  });

  it('asks which node when several have a browser, and takes one by id or name', async () => {
    const both = [browserNode('a', 'Desk'), browserNode('b', 'Laptop'), plainNode];
    await expect(relay(both, async () => ({ result: 1 })).relay.request({ method: 'GET', path: '/tabs' })).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('Desk, Laptop') });
    const { relay: chosen, invoked } = relay(both, async () => ({ result: 'ok' }));
    expect(await chosen.request({ method: 'GET', path: '/tabs', node: 'Laptop' })).toBe('ok');
    expect(invoked[0]).toMatchObject({ nodeId: 'b', command: 'browser.proxy' });
    await expect(chosen.request({ method: 'GET', path: '/tabs', node: 'plain' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('refuses dot segments, and answers without a result as a failure (a 4xx status as INVALID_REQUEST)', async () => {
    const one = [browserNode('a')];
    await expect(relay(one, async () => ({ result: 1 })).relay.request({ method: 'GET', path: '/a/../b' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(relay(one, async () => ({ status: 404, error: 'no such tab' })).relay.request({ method: 'GET', path: '/t' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'browser.request: 404 no such tab',
    });
    await expect(relay(one, async () => 'garbage').relay.request({ method: 'GET', path: '/t' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('saves files under names of its own and points the result at them; a node path never becomes ours', async () => {
    const files = [{ path: '../../../etc/evil.sh', base64: Buffer.from('x').toString('base64') }, { path: 'C:\\shots\\a.PNG', base64: 'AA==' }, { bogus: true }];
    const { relay: withFiles } = relay([browserNode('a')], async () => ({ result: { one: '../../../etc/evil.sh', nested: [{ p: 'C:\\shots\\a.PNG' }] }, files }), { dir });
    const result = (await withFiles.request({ method: 'POST', path: '/screenshot' })) as { one: string; nested: { p: string }[] };
    expect(result.one.startsWith(dir)).toBe(true);
    expect(result.one.endsWith('.sh')).toBe(true);
    expect(result.nested[0]?.p).toMatch(/\.png$/);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('passes node errors on with the node\'s words', async () => {
    const { relay: failing } = relay([browserNode('a')], async () => {
      throw new GatewayError('UNAVAILABLE', 'TIMEOUT: node did not answer', { details: { nodeError: { code: 'TIMEOUT', message: 'node did not answer within 35000 ms' } } });
    });
    await expect(failing.request({ method: 'GET', path: '/t' })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'browser proxy failed: node did not answer within 35000 ms' });
  });
});
