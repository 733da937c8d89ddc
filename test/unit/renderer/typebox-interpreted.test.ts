import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { Compile as Interpreted } from '../../../renderer/web/typebox-interpreted.js';
import { SessionsListResult } from '../../../shared/protocol/sessions/results.js';

const schemas = {
  closed: Type.Object({ id: Type.String({ minLength: 1 }), n: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false }),
  union: Type.Union([Type.Object({ kind: Type.Literal('a'), x: Type.Number() }), Type.Object({ kind: Type.Literal('b'), y: Type.Array(Type.String(), { maxItems: 2 }) })]),
  sessionsList: SessionsListResult,
};

const values: unknown[] = [
  { id: 'x' },
  { id: '', n: -1 },
  { id: 'x', extra: true },
  { kind: 'a', x: 1 },
  { kind: 'b', y: ['1', '2', '3'] },
  { kind: 'c' },
  null,
  'text',
  { ts: 1, path: '/p', count: 0, defaults: { modelProvider: 'anthropic', model: 'm', contextTokens: 1 }, sessions: [] },
  { ts: 1, path: '/p', count: 0, defaults: {}, sessions: [{ key: 1 }] },
];

describe("the Control UI's stand-in for typebox/compile (no code generation under the page's CSP)", () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`checks and reports errors exactly as the compiled validator does: ${name}`, () => {
      const compiled = Compile(schema);
      const interpreted = Interpreted(schema);
      for (const value of values) {
        expect(interpreted.Check(value)).toBe(compiled.Check(value));
        expect(interpreted.Errors(value)).toEqual(compiled.Errors(value));
      }
    });
  }
});
