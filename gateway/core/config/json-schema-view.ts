import type { TSchema } from 'typebox';
import { Annotation, type IgnoredKeys } from './schema/primitives.js';

/**
 * The JSON Schema keywords the config schemas use, read structurally. TypeBox types *are*
 * JSON Schema objects; this view lets the validator, redaction and hints walk them without
 * casting at every step.
 */
export interface JsonSchemaNode {
  type?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: boolean | JsonSchemaNode;
  patternProperties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  description?: string;
  [annotation: string]: unknown;
}

export function schemaNode(schema: TSchema): JsonSchemaNode {
  return schema as unknown as JsonSchemaNode;
}

export function isSchemaNode(value: unknown): value is JsonSchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function ignoredKeysOf(node: JsonSchemaNode): IgnoredKeys {
  const listed = node[Annotation.ignoredKeys];
  if (listed === '*') return '*';
  return Array.isArray(listed) ? (listed as string[]) : [];
}

export function isIgnoredKey(node: JsonSchemaNode, key: string): boolean {
  const ignored = ignoredKeysOf(node);
  return ignored === '*' || ignored.includes(key);
}

export function formatHintOf(node: JsonSchemaNode): string | undefined {
  const hint = node[Annotation.formatHint];
  return typeof hint === 'string' ? hint : undefined;
}

export function keyHintOf(node: JsonSchemaNode): string | undefined {
  const hint = node[Annotation.keyHint];
  return typeof hint === 'string' ? hint : undefined;
}

const patternCache = new Map<string, RegExp>();
function compiledPattern(pattern: string): RegExp {
  let regex = patternCache.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern, 'u');
    patternCache.set(pattern, regex);
  }
  return regex;
}

export function matchesPattern(pattern: string, text: string): boolean {
  return compiledPattern(pattern).test(text);
}

/** The schema a key of an object node is validated against, or undefined if the key is unknown. */
export function childSchemaFor(node: JsonSchemaNode, key: string): JsonSchemaNode | undefined {
  const declared = node.properties?.[key];
  if (declared && Object.hasOwn(node.properties ?? {}, key)) return declared;
  for (const [pattern, schema] of Object.entries(node.patternProperties ?? {})) {
    if (matchesPattern(pattern, key)) return schema;
  }
  if (isSchemaNode(node.additionalProperties)) return node.additionalProperties;
  return undefined;
}

/** The branch of a union that describes `value` when the branches differ by JSON type or by a constant tag. */
export function unionBranchFor(node: JsonSchemaNode, value: unknown): JsonSchemaNode | undefined {
  const branches = node.anyOf ?? [];
  const byType = branches.filter((branch) => acceptsJsonType(branch, value));
  if (byType.length <= 1) return byType[0];
  return byType.find((branch) =>
    Object.entries(branch.properties ?? {}).every(
      ([key, property]) => property.const === undefined || (isPlainRecord(value) && value[key] === property.const),
    ),
  );
}

export function acceptsJsonType(node: JsonSchemaNode, value: unknown): boolean {
  switch (node.type) {
    case undefined:
      return node.anyOf ? node.anyOf.some((branch) => acceptsJsonType(branch, value)) : true;
    case 'object':
      return isPlainRecord(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return false;
  }
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
