import Type, { type TEnum, type TProperties, type TSchema } from 'typebox';

/**
 * Annotations the config code reads back from the generated JSON Schema. They ride along in
 * the schema itself so that each section states its own secrets, paths and tolerated
 * OpenClaw keys next to its fields, instead of in a table that can drift.
 */
export const Annotation = {
  /** Field holds a credential: secret-input resolution (§1.4) and redaction (§1.7). */
  secret: 'x-secret',
  /** Field is a file-system path: `~` is expanded, an unavailable value falls back to its default. */
  path: 'x-path',
  /** OpenClaw keys accepted here but not implemented: ignored with a warning (§1.2). `'*'` = any. */
  ignoredKeys: 'x-openclaw-ignored',
  /** Human wording for a value that fails its `pattern`, e.g. what a duration looks like. */
  formatHint: 'x-format-hint',
  /** Human wording for the keys a record accepts, e.g. what an agent id may contain. */
  keyHint: 'x-key-hint',
} as const;

export type IgnoredKeys = readonly string[] | '*';

interface SectionOptions {
  ignored?: IgnoredKeys;
  description?: string;
}

/** An object whose unknown keys are either tolerated OpenClaw keys or typos (errors). */
export function section<T extends TProperties>(properties: T, options: SectionOptions = {}) {
  return Type.Object(properties, {
    additionalProperties: false,
    ...(options.ignored === undefined ? {} : { [Annotation.ignoredKeys]: options.ignored }),
    ...(options.description === undefined ? {} : { description: options.description }),
  });
}

/** A record whose keys must match `pattern`; `hint` says in words what a key may be. */
export function keyedRecord<T extends TSchema>(pattern: string, value: T, hint: string) {
  return Type.Record(Type.String({ pattern }), value, {
    additionalProperties: false,
    [Annotation.keyHint]: hint,
  });
}

export function stringMap<T extends TSchema>(value: T) {
  return Type.Record(Type.String(), value);
}

export function oneOf<const T extends readonly string[]>(values: T, description?: string): TEnum<[...T]> {
  return Type.Enum([...values] as [...T], description === undefined ? {} : { description }) as TEnum<[...T]>;
}

export const NonEmptyString = Type.String({ minLength: 1 });
export const PositiveInteger = Type.Integer({ exclusiveMinimum: 0 });
export const NonNegativeInteger = Type.Integer({ minimum: 0 });
export const PositiveNumber = Type.Number({ exclusiveMinimum: 0 });
export const StringList = Type.Array(Type.String());
/** Channel sender ids: Telegram user ids are often written as numbers. */
export const SenderIdList = Type.Array(Type.Union([Type.String(), Type.Number()]));

export function pathString(description?: string) {
  return Type.String({
    [Annotation.path]: true,
    ...(description === undefined ? {} : { description }),
  });
}

/** Durations like `30m`, `1h`, `500ms`; a bare number means minutes (heartbeat cadence). */
export const HeartbeatDuration = Type.String({
  pattern: '^\\d+(\\.\\d+)?(ms|s|m|h)?$',
  [Annotation.formatHint]: 'a duration such as "30m", "1h", "90s" or "500ms" (a bare number means minutes)',
});

/** Durations with day support, e.g. cron `sessionRetention: "24h"`. */
export const RetentionDuration = Type.String({
  pattern: '^\\d+(\\.\\d+)?\\s*(ms|s|m|h|d)?$',
  [Annotation.formatHint]: 'a duration such as "24h" or "7d" (units ms, s, m, h, d)',
});

export const SECRET_SOURCES = ['env', 'file', 'exec', 'store'] as const;
export const SECRET_PROVIDER_ALIAS_PATTERN = '^[a-z][a-z0-9_-]{0,63}$';

/**
 * SecretRef (§1.4). `provider` may be omitted: the alias then comes from
 * `secrets.defaults.<source>`, else `default`. The id format depends on the source and is
 * checked by the secrets rule, so one object shape is enough here.
 */
export const SecretRefSchema = Type.Object(
  {
    source: oneOf(SECRET_SOURCES),
    provider: Type.Optional(
      Type.String({
        pattern: SECRET_PROVIDER_ALIAS_PATTERN,
        [Annotation.formatHint]: 'a provider alias: lowercase letters, digits, "_" or "-", starting with a letter',
      }),
    ),
    id: NonEmptyString,
  },
  { additionalProperties: false, [Annotation.formatHint]: 'a SecretRef object {source, provider, id}' },
);

/** A credential: plaintext, `${NAME}`, `$NAME`, or a SecretRef (§1.4). */
export function secretInput(description?: string) {
  return Type.Union([Type.String(), SecretRefSchema], {
    [Annotation.secret]: true,
    ...(description === undefined ? {} : { description }),
  });
}

/** Values OpenClaw accepts that Gatehouse does not read; kept in the schema so they load silently. */
export const AcceptedUnused = Type.Unknown({ description: 'Accepted for OpenClaw compatibility; not used by Gatehouse.' });
