/**
 * The config form, generated from `config.schema`: one section per top-level key, one field per
 * scalar setting (text, number, yes/no, choice) labelled and explained by the schema's UI hints.
 * Lists, maps and SecretRef objects stay in the raw editor, where their shape is visible. The
 * form checks each field against its schema as it is typed and sends only changed fields, as a
 * merge patch; a secret shows as kept and is sent only when a new value is typed.
 */
import type { ConfigUiHint } from '../../shared/protocol/config/results.js';

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  description?: string;
  'x-secret'?: boolean;
  'x-format-hint'?: string;
};

export type FieldKind = 'choice' | 'text' | 'integer' | 'number' | 'yes-no';

export interface ConfigField {
  /** Dot path, the id of the field and the key of its UI hint. */
  id: string;
  path: string[];
  label: string;
  help?: string;
  kind: FieldKind;
  options?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  formatHint?: string;
  secret: boolean;
  advanced: boolean;
}

export interface ConfigSection {
  key: string;
  label: string;
  help?: string;
  fields: ConfigField[];
}

/** Deeper settings than this are left to the raw editor. */
const MAX_DEPTH = 4;

export function configSections(schema: unknown, hints: Record<string, ConfigUiHint>): ConfigSection[] {
  const root = schema as JsonSchema;
  const sections: ConfigSection[] = [];
  for (const [key, child] of Object.entries(root.properties ?? {})) {
    if (key.startsWith('$') || key === 'meta') continue;
    const fields: ConfigField[] = [];
    collect(child, [key], hints, fields);
    if (fields.length === 0) continue;
    const hint = hints[key];
    sections.push({ key, label: hint?.label ?? key, ...(hint?.help ? { help: hint.help } : {}), fields });
  }
  return sections;
}

function collect(schema: JsonSchema, path: string[], hints: Record<string, ConfigUiHint>, into: ConfigField[]): void {
  if (schema.properties !== undefined) {
    if (path.length > MAX_DEPTH) return;
    for (const [key, child] of Object.entries(schema.properties)) collect(child, [...path, key], hints, into);
    return;
  }
  const field = scalarField(schema, path, hints[path.join('.')]);
  if (field !== undefined) into.push(field);
}

function scalarField(schema: JsonSchema, path: string[], hint: ConfigUiHint | undefined): ConfigField | undefined {
  const secret = schema['x-secret'] === true || hint?.sensitive === true;
  // A secret may be a string or a SecretRef object: the form offers the string.
  const scalar = secret && schema.anyOf ? schema.anyOf.find((option) => option.type === 'string') : schema;
  if (scalar === undefined) return undefined;
  const kind = kindOf(scalar);
  if (kind === undefined) return undefined;
  const id = path.join('.');
  return {
    id,
    path,
    label: hint?.label ?? path[path.length - 1] ?? id,
    ...(hint?.help ?? schema.description ? { help: hint?.help ?? schema.description } : {}),
    kind,
    ...(kind === 'choice' ? { options: (scalar.enum ?? []).filter((value): value is string => typeof value === 'string') } : {}),
    ...(scalar.minimum === undefined ? {} : { minimum: scalar.minimum }),
    ...(scalar.maximum === undefined ? {} : { maximum: scalar.maximum }),
    ...(scalar.minLength === undefined ? {} : { minLength: scalar.minLength }),
    ...(scalar.maxLength === undefined ? {} : { maxLength: scalar.maxLength }),
    ...(scalar.pattern === undefined ? {} : { pattern: scalar.pattern }),
    ...(scalar['x-format-hint'] === undefined ? {} : { formatHint: scalar['x-format-hint'] }),
    secret,
    advanced: hint?.advanced === true,
  };
}

function kindOf(schema: JsonSchema): FieldKind | undefined {
  if (schema.enum !== undefined) return schema.enum.every((value) => typeof value === 'string') ? 'choice' : undefined;
  switch (schema.type) {
    case 'string':
      return 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'yes-no';
    default:
      return undefined;
  }
}

function valueAt(config: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = config;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/**
 * The field's current value in the (redacted) config, as the text its input shows. A secret
 * shows empty (the page says whether one is set): the redacted value is never edited.
 */
export function fieldText(config: Record<string, unknown>, field: ConfigField): string {
  const value = valueAt(config, field.path);
  if (value === undefined || value === null || field.secret || typeof value === 'object') return '';
  return String(value);
}

/** A secret (or SecretRef) is stored for this field. */
export function secretIsSet(config: Record<string, unknown>, field: ConfigField): boolean {
  const value = valueAt(config, field.path);
  return field.secret && value !== undefined && value !== null && value !== '';
}

/** Why `text` does not fit the field, in words; null when it does. Empty always fits: it removes the setting. */
export function fieldProblem(field: ConfigField, text: string): string | null {
  if (text === '') return null;
  switch (field.kind) {
    case 'choice':
      return field.options?.includes(text) ? null : `Choose one of ${field.options?.join(', ')}.`;
    case 'yes-no':
      return text === 'true' || text === 'false' ? null : 'Choose yes or no.';
    case 'integer':
    case 'number': {
      const value = Number(text);
      if (!Number.isFinite(value) || text.trim() === '') return 'Enter a number.';
      if (field.kind === 'integer' && !Number.isInteger(value)) return 'Enter a whole number.';
      if (field.minimum !== undefined && value < field.minimum) return `At least ${field.minimum}.`;
      if (field.maximum !== undefined && value > field.maximum) return `At most ${field.maximum}.`;
      return null;
    }
    case 'text':
      if (field.minLength !== undefined && text.length < field.minLength) return `At least ${field.minLength} characters.`;
      if (field.maxLength !== undefined && text.length > field.maxLength) return `At most ${field.maxLength} characters.`;
      if (field.pattern !== undefined && !safeTest(field.pattern, text)) return field.formatHint ? `Expected ${field.formatHint}.` : `Does not match ${field.pattern}.`;
      return null;
  }
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    // A pattern this browser cannot compile is left to the gateway, which checks every write.
    return true;
  }
}

/** The JSON value a field's text stands for; empty removes the setting (null in a merge patch). */
export function fieldValue(field: ConfigField, text: string): unknown {
  if (text === '') return null;
  if (field.kind === 'yes-no') return text === 'true';
  if (field.kind === 'integer' || field.kind === 'number') return Number(text);
  return text;
}

/** A merge patch setting each changed field (by dot path) to its value. */
export function mergePatch(fields: readonly ConfigField[], changes: ReadonlyMap<string, string>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of fields) {
    const text = changes.get(field.id);
    if (text === undefined) continue;
    let node = patch;
    for (const key of field.path.slice(0, -1)) {
      const next = node[key];
      node = (typeof next === 'object' && next !== null ? next : (node[key] = {})) as Record<string, unknown>;
    }
    node[field.path[field.path.length - 1]!] = fieldValue(field, text);
  }
  return patch;
}
