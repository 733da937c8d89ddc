import type { TSchema, Static } from 'typebox';
import { Compile } from 'typebox/compile';

export interface CompiledSchema<T extends TSchema> {
  readonly schema: T;
  check(value: unknown): value is Static<T>;
  /** The first schema error in the wording clients already parse (spec §3.1), or null. */
  firstError(value: unknown): string | null;
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

function describe(error: SchemaError): string {
  if (error.keyword === 'required') {
    const missing = error.params.requiredProperties;
    const name = Array.isArray(missing) && typeof missing[0] === 'string' ? missing[0] : '?';
    const where = error.instancePath ? `at ${error.instancePath}: ` : '';
    return `${where}must have required property '${name}'`;
  }
  return error.instancePath ? `at ${error.instancePath}: ${error.message}` : error.message;
}

/**
 * Compiles on first use, once; validators are then plain function calls. Lazy because most
 * methods are never called in a given process, and compiled validators cost start-up time and
 * memory.
 */
export function compileSchema<T extends TSchema>(schema: T): CompiledSchema<T> {
  let compiled: { Check(value: unknown): boolean; Errors(value: unknown): unknown } | undefined;
  const get = () => (compiled ??= Compile(schema as TSchema));
  const validator = {
    Check: (value: unknown) => get().Check(value),
    Errors: (value: unknown) => get().Errors(value),
  };
  return {
    schema,
    check: (value: unknown): value is Static<T> => validator.Check(value),
    firstError(value: unknown): string | null {
      if (validator.Check(value)) return null;
      const errors = validator.Errors(value) as unknown as SchemaError[];
      const first = errors[0];
      return first ? describe(first) : 'invalid value';
    },
  };
}
