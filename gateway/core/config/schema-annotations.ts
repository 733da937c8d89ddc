import { childSchemaFor, schemaNode, unionBranchFor, type JsonSchemaNode } from './json-schema-view.js';
import { isPlainObject, type PathSegment } from './object-paths.js';
import { Annotation } from './schema/primitives.js';
import { GatehouseConfigSchema } from './schema/root.js';

export interface AnnotatedValue {
  path: PathSegment[];
  value: unknown;
}

const ROOT = schemaNode(GatehouseConfigSchema);

/**
 * Every value in `config` whose schema carries `annotation` (e.g. all secret inputs, all
 * path fields), found by walking the value alongside the config schema.
 */
export function findAnnotatedValues(config: unknown, annotation: string): AnnotatedValue[] {
  const found: AnnotatedValue[] = [];
  const visit = (node: JsonSchemaNode, value: unknown, path: PathSegment[]) => {
    if (value === undefined) return;
    if (node[annotation] === true) {
      found.push({ path, value });
      return;
    }
    if (node.anyOf) {
      const branch = unionBranchFor(node, value);
      if (branch) visit(branch, value, path);
      return;
    }
    if (Array.isArray(value) && node.items) {
      const items = node.items;
      value.forEach((item, index) => visit(items, item, [...path, index]));
      return;
    }
    if (isPlainObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const childNode = childSchemaFor(node, key);
        if (childNode) visit(childNode, child, [...path, key]);
      }
    }
  };
  visit(ROOT, config, []);
  return found;
}

export const findSecretValues = (config: unknown) => findAnnotatedValues(config, Annotation.secret);
export const findPathValues = (config: unknown) => findAnnotatedValues(config, Annotation.path);
