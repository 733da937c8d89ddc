import JSON5 from 'json5';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigWriteError, patchConfig } from '../../../gateway/core/config/index.js';
import { createConfigSandbox, type ConfigSandbox } from './support/config-sandbox.js';

const sandboxes: ConfigSandbox[] = [];
async function sandboxWith(text: string): Promise<ConfigSandbox> {
  const sandbox = await createConfigSandbox();
  sandboxes.push(sandbox);
  await sandbox.write(text);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.remove()));
});

async function patch(sandbox: ConfigSandbox, raw: string, replacePaths?: string[]) {
  const loaded = await sandbox.load();
  return patchConfig({ loaded, raw, baseHash: loaded.hash ?? undefined, replacePaths, stateDir: sandbox.stateDir, env: sandbox.env });
}

async function refusal(promise: Promise<unknown>): Promise<ConfigWriteError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigWriteError);
  return error as ConfigWriteError;
}

const MODELS_CONFIG = `{
  gateway: { mode: "local", auth: { token: "keep-me" } },
  models: { providers: { local: {
    baseUrl: "http://127.0.0.1:1234/v1", api: "openai-completions",
    models: [
      { id: "small", name: "Small", input: ["text", "image"] },
      { id: "large", name: "Large", contextWindow: 32000 },
    ],
  } } },
  session: { resetTriggers: ["/new", "/reset"] },
}`;

async function fileOf(sandbox: ConfigSandbox): Promise<Record<string, any>> {
  return JSON5.parse(await sandbox.read());
}

describe('config.patch (config.md §1.7 patch rules)', () => {
  it('merges objects, replaces scalars, deletes with null, and reports what changed', async () => {
    const sandbox = await sandboxWith(MODELS_CONFIG);
    const { changedPaths, noop, loaded } = await patch(sandbox, '{ gateway: { port: 18801, auth: null }, logging: { level: "debug" } }');

    expect(noop).toBe(false);
    const written = await fileOf(sandbox);
    expect(written.gateway).toEqual({ mode: 'local', port: 18801 });
    expect(written.logging).toEqual({ level: 'debug' });
    expect(written.models.providers.local.models).toHaveLength(2);
    expect(changedPaths).toEqual(['gateway.auth.token', 'gateway.port', 'logging.level']);
    expect(loaded.valid).toBe(true);
  });

  it('arrays of {id} items merge by id: untouched items stay, new ids are appended', async () => {
    const sandbox = await sandboxWith(MODELS_CONFIG);
    await patch(sandbox, '{ models: { providers: { local: { models: [ { id: "large", contextWindow: 64000 }, { id: "tiny", name: "Tiny" } ] } } } }');

    const models = (await fileOf(sandbox)).models.providers.local.models;
    expect(models).toEqual([
      { id: 'small', name: 'Small', input: ['text', 'image'] },
      { id: 'large', name: 'Large', contextWindow: 64000 },
      { id: 'tiny', name: 'Tiny' },
    ]);
  });

  it('removing array entries needs the exact path in replacePaths (array items are written [])', async () => {
    const sandbox = await sandboxWith(MODELS_CONFIG);
    const narrowing = '{ models: { providers: { local: { models: [ { id: "small", input: ["text"] } ] } } } }';

    const refused = await refusal(patch(sandbox, narrowing));
    expect(refused.message).toBe(
      'config.patch would remove existing entries from models.providers.local.models[].input; list "models.providers.local.models[].input" in replacePaths if that is intended',
    );
    const parentOnly = await refusal(patch(sandbox, narrowing, ['models.providers.local.models']));
    expect(parentOnly.message).toContain('models.providers.local.models[].input');

    await patch(sandbox, narrowing, ['models.providers.local.models[].input']);
    expect((await fileOf(sandbox)).models.providers.local.models[0].input).toEqual(['text']);
  });

  it('replacing a plain list with fewer entries, or deleting it, is refused unless listed', async () => {
    const sandbox = await sandboxWith(MODELS_CONFIG);
    expect((await refusal(patch(sandbox, '{ session: { resetTriggers: ["/new"] } }'))).message).toContain('remove existing entries from session.resetTriggers');
    expect((await refusal(patch(sandbox, '{ session: { resetTriggers: null } }'))).message).toContain('delete the list session.resetTriggers');

    await patch(sandbox, '{ session: { resetTriggers: ["/new", "/reset", "/start"] } }');
    expect((await fileOf(sandbox)).session.resetTriggers).toEqual(['/new', '/reset', '/start']);
    await patch(sandbox, '{ session: { resetTriggers: null } }', ['session.resetTriggers']);
    expect((await fileOf(sandbox)).session).toEqual({});
  });

  it('raw must be an object, and a patch that changes nothing is a no-op that writes nothing', async () => {
    const sandbox = await sandboxWith(MODELS_CONFIG);
    expect((await refusal(patch(sandbox, '[1]'))).message).toBe('config.patch raw must be an object');

    const outcome = await patch(sandbox, '{ gateway: { mode: "local" }, session: { resetTriggers: ["/new", "/reset"] } }');
    expect(outcome).toMatchObject({ noop: true, changedPaths: [] });
    expect(await sandbox.read()).toBe(MODELS_CONFIG);
  });

  it('a redacted value in a patch keeps the current secret', async () => {
    const sandbox = await sandboxWith(MODELS_CONFIG);
    const { loaded } = await patch(sandbox, '{ gateway: { port: 18802, auth: { token: "__OPENCLAW_REDACTED__" } } }');
    expect(loaded.config.gateway?.auth?.token).toBe('keep-me');
    expect((await fileOf(sandbox)).gateway.auth.token).toBe('keep-me');
  });

  it('a patch that makes the config invalid is refused with its issues', async () => {
    const sandbox = await sandboxWith(MODELS_CONFIG);
    const error = await refusal(patch(sandbox, '{ gateway: { bind: "everywhere" } }'));
    expect(error.details).toEqual({ issues: [expect.objectContaining({ path: 'gateway.bind' })] });
    expect(await sandbox.read()).toBe(MODELS_CONFIG);
  });

  it('agents can be removed deliberately with null', async () => {
    const sandbox = await sandboxWith('{ gateway: { mode: "local" }, agents: { ownership: "explicit", entries: { home: {}, ops: {} } } }');
    const { changedPaths } = await patch(sandbox, '{ agents: { entries: { ops: null } } }');
    expect((await fileOf(sandbox)).agents.entries).toEqual({ home: {} });
    expect(changedPaths).toEqual(['agents.entries.ops']);
  });
});
