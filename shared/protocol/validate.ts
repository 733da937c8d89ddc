import Type, { type Static, type TObject, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

export interface CompiledSchema<T extends TSchema> {
  readonly schema: T;
  check(value: unknown): value is Static<T>;
  /** The first schema error in the wording clients already parse (spec §3.1), or null. */
  firstError(value: unknown): string | null;
}

/** A method's params: a closed schema plus the one way handlers receive what passed it. */
export interface CompiledParams<T extends TObject> extends CompiledSchema<T> {
  /** What the gateway accepts: `schema` closed, plus the protocol-4 keys it ignores. */
  readonly accepted: TSchema;
  /** The keys a handler may read. */
  readonly keys: readonly string[];
  /**
   * A fresh object holding only the keys this gateway defines. Keys that a newer protocol
   * defines and we accept without using are dropped here, so no handler can ever read them.
   */
  known(value: unknown): Static<T>;
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

function firstName(list: unknown): string {
  return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : '?';
}

function describe(error: SchemaError): string {
  const where = error.instancePath ? `at ${error.instancePath}: ` : '';
  if (error.keyword === 'required') {
    return `${where}must have required property '${firstName(error.params.requiredProperties)}'`;
  }
  if (error.keyword === 'additionalProperties') {
    return `${where}unexpected property '${firstName(error.params.additionalProperties)}'`;
  }
  return error.instancePath ? `at ${error.instancePath}: ${error.message}` : error.message;
}

// An unknown key is the likeliest sign of a hostile or confused client, so it is named first.
function rank(error: SchemaError): number {
  if (error.keyword === 'additionalProperties') return 0;
  return error.keyword === 'boolean' ? 2 : 1;
}

/**
 * Compiles on first use, once; validators are then plain function calls. Lazy because most
 * methods are never called in a given process, and compiled validators cost start-up time and
 * memory.
 */
export function compileSchema<T extends TSchema>(schema: T): CompiledSchema<T> {
  let compiled: { Check(value: unknown): boolean; Errors(value: unknown): unknown } | undefined;
  const get = () => (compiled ??= Compile(schema as TSchema));
  return {
    schema,
    check: (value: unknown): value is Static<T> => get().Check(value),
    firstError(value: unknown): string | null {
      if (get().Check(value)) return null;
      const errors = [...(get().Errors(value) as Iterable<SchemaError>)].sort((a, b) => rank(a) - rank(b));
      const first = errors[0];
      return first ? describe(first) : 'invalid value';
    },
  };
}

/** Every object schema without an explicit additionalProperties rule gets `false`. */
function closeObjects(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  const node = schema as Record<string, unknown>;
  if (node.type === 'object' && node.properties !== undefined && node.additionalProperties === undefined) {
    node.additionalProperties = false;
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach(closeObjects);
    else closeObjects(value);
  }
}

/**
 * A method's params schema, closed: a key it does not define is refused before any handler
 * runs (the reference protocol-3 schemas are `additionalProperties: false`). `ignoredKeys` are
 * keys the protocol-4 reference defines that we accept and never use.
 */
export function compileParams<T extends TObject>(
  schema: T,
  options: { ignoredKeys?: readonly string[] } = {},
): CompiledParams<T> {
  const keys = Object.keys(schema.properties);
  const ignored = (options.ignoredKeys ?? []).filter((key) => !keys.includes(key));
  // Built on the method's first call, like its validator: every family's params are defined when
  // the gateway starts, and building ~100 accepted schemas up front cost each start milliseconds.
  let built: { accepted: TObject; compiled: CompiledSchema<TObject>; acceptedKeys: ReadonlySet<string> } | undefined;
  const get = () => {
    if (built) return built;
    const accepted = Type.Object(
      { ...schema.properties, ...Object.fromEntries(ignored.map((key) => [key, Type.Optional(Type.Unknown())])) },
      { additionalProperties: false },
    );
    closeObjects(accepted.properties);
    built = { accepted, compiled: compileSchema(accepted), acceptedKeys: new Set([...keys, ...ignored]) };
    return built;
  };
  return {
    schema,
    get accepted() {
      return get().accepted;
    },
    check: (value: unknown): value is Static<T> => get().compiled.check(value),
    // An unknown key is named without asking the validator to describe every error: a frame
    // with thousands of unknown keys would otherwise cost the event loop microseconds per key.
    firstError(value: unknown): string | null {
      const { acceptedKeys, compiled } = get();
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const key in value) {
          if (Object.hasOwn(value, key) && !acceptedKeys.has(key)) return `unexpected property '${key}'`;
        }
      }
      return compiled.firstError(value);
    },
    keys,
    known(value: unknown): Static<T> {
      const source = value as Record<string, unknown>;
      const picked: Record<string, unknown> = {};
      for (const key of keys) {
        if (Object.hasOwn(source, key)) picked[key] = source[key];
      }
      return picked as Static<T>;
    },
  };
}
