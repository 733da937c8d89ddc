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

/** Compiles once at module load; validators are then plain function calls. */
export function compileSchema<T extends TSchema>(schema: T): CompiledSchema<T> {
  const validator = Compile(schema);
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
