import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { configSchemaPayload } from '../../../gateway/core/config/index.js';

describe('config.schema', () => {
  it('is plain JSON Schema generated from the config schema, usable by any validator', () => {
    const { schema, version, generatedAt } = configSchemaPayload();
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema).toMatchObject({ type: 'object', properties: { gateway: { type: 'object' }, models: { type: 'object' } } });
    expect(version).toBe('2026.9.6');
    expect(Number.isNaN(Date.parse(generatedAt))).toBe(false);

    const validator = Compile(schema as never);
    expect(validator.Check({ gateway: { mode: 'local', port: 18789 } })).toBe(true);
    expect(validator.Check({ gateway: { port: 'x' } })).toBe(false);
  });

  it('ui hints label every field and flag the secret ones', () => {
    const { uiHints } = configSchemaPayload();
    expect(uiHints['gateway.port']).toEqual({ label: 'Port' });
    expect(uiHints['gateway.auth.token']).toMatchObject({ label: 'Token', sensitive: true, help: expect.stringContaining('GATEHOUSE_GATEWAY_TOKEN') });
    expect(uiHints['models.providers.*.apiKey']).toMatchObject({ sensitive: true });
    expect(uiHints['models.providers.*.models[].contextWindow']).toEqual({ label: 'Context window' });
  });
});
