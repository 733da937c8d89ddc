import { describe, expect, it } from 'vitest';
import { configSections, fieldProblem, fieldText, mergePatch, secretIsSet } from '../../../client/config-editor/config-form.js';
import { ConfigConflict, json5Problem, patchConfig, writeRawConfig } from '../../../client/config-editor/config-editor-service.js';

const schema = {
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    gateway: {
      type: 'object',
      properties: {
        port: { type: 'integer', minimum: 1, maximum: 65535 },
        bind: { enum: ['loopback', 'lan'] },
        trustedProxies: { type: 'array', items: { type: 'string' } },
        auth: {
          type: 'object',
          properties: {
            token: { anyOf: [{ type: 'string' }, { type: 'object', properties: { source: { enum: ['env'] } } }], 'x-secret': true },
            allowTailscale: { type: 'boolean' },
          },
        },
      },
    },
    models: { type: 'object', properties: { providers: { type: 'object', additionalProperties: { type: 'object' } } } },
    logging: { type: 'object', properties: { level: { enum: ['info', 'debug'] }, file: { type: 'string', pattern: '^/', 'x-format-hint': 'an absolute path' } } },
  },
};
const hints = { gateway: { label: 'Gateway' }, 'gateway.port': { label: 'Port', help: 'Where it listens.' }, 'logging.file': { label: 'Log file', advanced: true } };

describe('the config form', () => {
  const sections = configSections(schema, hints);
  const fields = sections.flatMap((section) => section.fields);
  const byId = (id: string) => fields.find((field) => field.id === id)!;

  it('makes one section per top-level key with its scalar settings, lists and maps left to the raw editor', () => {
    expect(sections.map((section) => [section.key, section.label])).toEqual([
      ['gateway', 'Gateway'],
      ['logging', 'logging'],
    ]);
    expect(fields.map((field) => [field.id, field.kind])).toEqual([
      ['gateway.port', 'integer'],
      ['gateway.bind', 'choice'],
      ['gateway.auth.token', 'text'],
      ['gateway.auth.allowTailscale', 'yes-no'],
      ['logging.level', 'choice'],
      ['logging.file', 'text'],
    ]);
    expect(byId('gateway.port')).toMatchObject({ label: 'Port', help: 'Where it listens.', minimum: 1, maximum: 65535, secret: false });
    expect(byId('gateway.auth.token').secret).toBe(true);
    expect(byId('logging.file').advanced).toBe(true);
  });

  it('checks each field against its schema as typed; empty removes the setting', () => {
    expect(fieldProblem(byId('gateway.port'), '70000')).toBe('At most 65535.');
    expect(fieldProblem(byId('gateway.port'), '8.5')).toBe('Enter a whole number.');
    expect(fieldProblem(byId('gateway.port'), 'x')).toBe('Enter a number.');
    expect(fieldProblem(byId('gateway.port'), '18789')).toBeNull();
    expect(fieldProblem(byId('gateway.bind'), 'moon')).toBe('Choose one of loopback, lan.');
    expect(fieldProblem(byId('logging.file'), 'relative.log')).toBe('Expected an absolute path.');
    expect(fieldProblem(byId('gateway.port'), '')).toBeNull();
  });

  it('shows current values, never a secret, and patches only what changed', () => {
    const config = { gateway: { port: 18789, auth: { token: '__OPENCLAW_REDACTED__', allowTailscale: true } } };
    expect(fieldText(config, byId('gateway.port'))).toBe('18789');
    expect(fieldText(config, byId('gateway.auth.allowTailscale'))).toBe('true');
    expect(fieldText(config, byId('gateway.auth.token'))).toBe('');
    expect(secretIsSet(config, byId('gateway.auth.token'))).toBe(true);
    expect(secretIsSet(config, byId('gateway.bind'))).toBe(false);
    const changes = new Map([
      ['gateway.port', '19000'],
      ['gateway.auth.allowTailscale', 'false'],
      ['logging.level', ''],
    ]);
    expect(mergePatch(fields, changes)).toEqual({ gateway: { port: 19000, auth: { allowTailscale: false } }, logging: { level: null } });
  });
});

describe('the raw config editor', () => {
  it('says where JSON5 does not parse', () => {
    expect(json5Problem('{ a: 1, // ok\n}')).toBeNull();
    expect(json5Problem('{ a: }')).toMatch(/invalid character '}' at 1:6/);
    expect(json5Problem('[1]')).toBe('The config must be one object ({ … }).');
    expect(json5Problem('  ')).toMatch(/empty/);
  });

  it('writes with the baseHash it read, and a stale hash becomes a conflict to reload', async () => {
    const sent: unknown[] = [];
    const outcome = await writeRawConfig(
      async (method, params) => {
        sent.push([method, params]);
        return { ok: true, path: '/s/gatehouse.json', config: {}, hash: 'h2', changedPaths: ['gateway.port'], restart: { scheduled: true, delayMs: 0 } };
      },
      '{ gateway: { port: 1 } }',
      'h1',
      'apply',
    );
    expect(sent).toEqual([['config.apply', { raw: '{ gateway: { port: 1 } }', baseHash: 'h1' }]]);
    expect(outcome).toEqual({ hash: 'h2', changedPaths: ['gateway.port'], restart: 'scheduled' });
    const stale = writeRawConfig(
      async () => {
        throw new Error('config changed since last load; re-run config.get and retry');
      },
      '{}',
      'h1',
      'set',
    );
    await expect(stale).rejects.toBeInstanceOf(ConfigConflict);
    await expect(
      writeRawConfig(
        async () => {
          throw new Error('config.set rejected: the new config is invalid');
        },
        '{}',
        'h1',
        'set',
      ),
    ).rejects.toThrow('config.set rejected: the new config is invalid');
  });

  it('patches as a merge patch; a no-op keeps the hash', async () => {
    const sent: unknown[] = [];
    const outcome = await patchConfig(
      async (method, params) => {
        sent.push([method, params]);
        return { ok: true, noop: true, path: '/s/gatehouse.json', config: {}, changedPaths: [] };
      },
      { gateway: { port: null } },
      'h1',
    );
    expect(sent).toEqual([['config.patch', { raw: '{"gateway":{"port":null}}', baseHash: 'h1' }]]);
    expect(outcome).toEqual({ hash: 'h1', changedPaths: [], restart: 'none' });
  });
});
