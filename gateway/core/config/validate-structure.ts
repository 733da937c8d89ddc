import {
  acceptsJsonType,
  isIgnoredKey,
  keyHintOf,
  matchesPattern,
  childSchemaFor,
  unionBranchFor,
  type JsonSchemaNode,
} from './json-schema-view.js';
import { dotPath, isPlainObject, type PathSegment } from './object-paths.js';
import { closestKey, describeSchema, literalValuesOf, oneOfMessage } from './schema-messages.js';
import type { ConfigIssue } from './types.js';

export interface StructureOptions {
  /** GATEHOUSE_CONFIG_STRICT=1: tolerated OpenClaw keys become errors too (§1.2). */
  strict: boolean;
  /** Ignored-key leaves that load without a warning (the bench file's extras). */
  silentIgnoredPaths: ReadonlySet<string>;
}

export interface StructureReport {
  /** The input without the ignored OpenClaw keys; it matches the schema when `issues` is empty. */
  value: unknown;
  issues: ConfigIssue[];
  warnings: string[];
}

/**
 * Checks a parsed config against the JSON Schema generated from the TypeBox config schema,
 * with the Gatehouse twist of §1.2: a key the schema does not know is either a tolerated
 * OpenClaw key (dropped with a warning) or a typo (an issue).
 */
export function validateStructure(schema: JsonSchemaNode, input: unknown, options: StructureOptions): StructureReport {
  const report: StructureReport = { value: undefined, issues: [], warnings: [] };
  report.value = visit(schema, input, [], options, report);
  return report;
}

function visit(node: JsonSchemaNode, value: unknown, path: PathSegment[], options: StructureOptions, report: StructureReport): unknown {
  const issue = (message: string, allowedValues?: unknown[]) => {
    const entry: ConfigIssue = { path: dotPath(path), message };
    if (allowedValues) entry.allowedValues = allowedValues.map(String);
    report.issues.push(entry);
    return value;
  };

  const literals = literalValuesOf(node);
  if (literals) {
    return literals.some((literal) => literal === value) ? value : issue(oneOfMessage(literals), literals);
  }

  if (node.anyOf) {
    const branch = unionBranchFor(node, value);
    if (branch) return visit(branch, value, path, options, report);
    const tagged = taggedUnionIssue(node, value);
    if (tagged) {
      report.issues.push({ ...tagged.issue, path: dotPath([...path, tagged.key]) });
      return value;
    }
    return issue(`must be ${describeSchema(node)}`);
  }

  if (!acceptsJsonType(node, value) || !withinScalarBounds(node, value)) {
    return issue(`must be ${describeSchema(node)}`);
  }

  if (node.type === 'array' && Array.isArray(value)) return visitArray(node, value, path, options, report, issue);
  if (node.type === 'object' && isPlainObject(value)) return visitObject(node, value, path, options, report);
  return value;
}

function visitArray(
  node: JsonSchemaNode,
  value: unknown[],
  path: PathSegment[],
  options: StructureOptions,
  report: StructureReport,
  issue: (message: string) => unknown,
): unknown {
  if (node.minItems !== undefined && value.length < node.minItems) issue(`must have at least ${node.minItems} item(s)`);
  if (node.maxItems !== undefined && value.length > node.maxItems) issue(`must have at most ${node.maxItems} items`);
  const items = node.items;
  if (!items) return value;
  return value.map((item, index) => visit(items, item, [...path, index], options, report));
}

function visitObject(
  node: JsonSchemaNode,
  value: Record<string, unknown>,
  path: PathSegment[],
  options: StructureOptions,
  report: StructureReport,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, key];
    const childSchema = childSchemaFor(node, key);
    if (childSchema) {
      kept[key] = visit(childSchema, child, childPath, options, report);
    } else if (node.additionalProperties !== false) {
      kept[key] = child;
    } else if (isIgnoredKey(node, key)) {
      noteIgnoredKey(childPath, child, options, report);
    } else {
      report.issues.push({ path: dotPath(childPath), message: unknownKeyMessage(node, key) });
    }
  }
  for (const required of node.required ?? []) {
    if (!Object.hasOwn(value, required)) report.issues.push({ path: dotPath([...path, required]), message: 'is required' });
  }
  return kept;
}

function unknownKeyMessage(node: JsonSchemaNode, key: string): string {
  if (node.patternProperties && Object.keys(node.properties ?? {}).length === 0) {
    const hint = keyHintOf(node);
    return `is not a valid key here${hint ? `: expected ${hint}` : ''}`;
  }
  const suggestion = closestKey(key, Object.keys(node.properties ?? {}));
  const base = 'unknown config key (neither a Gatehouse nor an OpenClaw setting)';
  return suggestion ? `${base}; did you mean "${suggestion}"?` : base;
}

function noteIgnoredKey(path: PathSegment[], value: unknown, options: StructureOptions, report: StructureReport): void {
  const where = dotPath(path);
  if (options.strict) {
    report.issues.push({ path: where, message: 'not supported by Gatehouse (rejected because GATEHOUSE_CONFIG_STRICT=1)' });
    return;
  }
  const leaves = leafPaths(where, value);
  if (leaves.length > 0 && leaves.every((leaf) => options.silentIgnoredPaths.has(leaf))) return;
  report.warnings.push(`ignored (not supported by Gatehouse): ${where}`);
}

function leafPaths(prefix: string, value: unknown): string[] {
  if (!isPlainObject(value) || Object.keys(value).length === 0) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(`${prefix}.${key}`, child));
}

function withinScalarBounds(node: JsonSchemaNode, value: unknown): boolean {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return false;
    if (node.type === 'integer' && !Number.isInteger(value)) return false;
    if (node.minimum !== undefined && value < node.minimum) return false;
    if (node.maximum !== undefined && value > node.maximum) return false;
    if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum) return false;
  }
  if (typeof value === 'string') {
    if (node.minLength !== undefined && value.length < node.minLength) return false;
    if (node.maxLength !== undefined && value.length > node.maxLength) return false;
    if (node.pattern !== undefined && !matchesPattern(node.pattern, value)) return false;
  }
  return true;
}

/** For a union of objects told apart by a constant field (`source`), point at that field. */
function taggedUnionIssue(node: JsonSchemaNode, value: unknown): { key: string; issue: ConfigIssue } | undefined {
  if (!isPlainObject(value)) return undefined;
  const objectBranches = (node.anyOf ?? []).filter((branch) => branch.type === 'object');
  const first = objectBranches[0];
  if (!first) return undefined;
  for (const [key, property] of Object.entries(first.properties ?? {})) {
    if (property.const === undefined) continue;
    const tags = objectBranches.map((branch) => branch.properties?.[key]?.const);
    if (tags.some((tag) => tag === undefined)) continue;
    return { key, issue: { path: '', message: oneOfMessage(tags), allowedValues: tags.map(String) } };
  }
  return undefined;
}
