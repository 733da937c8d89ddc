import type { ConfigSchemaResult } from '../../../shared/protocol/config/results.js';
import { schemaNode, type JsonSchemaNode } from './json-schema-view.js';
import { Annotation } from './schema/primitives.js';
import { GatehouseConfigSchema } from './schema/root.js';

// config.md §1.7 `config.schema`: the JSON Schema generated from the TypeBox config schema,
// plus per-field hints a settings UI can render.

/** The OpenClaw release whose config this schema is the Gatehouse subset of. */
export const CONFIG_SCHEMA_VERSION = '2026.9.6';

export interface UiHint {
  label: string;
  help?: string;
  sensitive?: boolean;
}

const GENERATED_AT = new Date().toISOString();

function labelFor(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Hint paths use `*` for a record key and `[]` for an array item: `models.providers.*.models[].name`. */
function collectHints(node: JsonSchemaNode, path: string, hints: Record<string, UiHint>): void {
  const visitChild = (child: JsonSchemaNode, childPath: string, key: string) => {
    const hint: UiHint = { label: labelFor(key) };
    if (typeof child.description === 'string') hint.help = child.description;
    if (child[Annotation.secret] === true) hint.sensitive = true;
    hints[childPath] = hint;
    collectHints(child, childPath, hints);
  };
  for (const branch of node.anyOf ?? []) collectHints(branch, path, hints);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    visitChild(child, path ? `${path}.${key}` : key, key);
  }
  for (const child of Object.values(node.patternProperties ?? {})) collectHints(child, `${path}.*`, hints);
  if (node.items) collectHints(node.items, `${path}[]`, hints);
}

let payload: ConfigSchemaResult | undefined;

/**
 * Built once: the schema is fixed for the life of the process, and building it (a JSON round trip
 * of the whole schema and a walk for the hints) costs about a millisecond — a client asking for it
 * in a loop would otherwise spend everyone's event loop on it. Callers only serialize it.
 */
export function configSchemaPayload(): ConfigSchemaResult {
  payload ??= buildConfigSchemaPayload();
  return payload;
}

function buildConfigSchemaPayload(): ConfigSchemaResult {
  const uiHints: Record<string, UiHint> = {};
  collectHints(schemaNode(GatehouseConfigSchema), '', uiHints);
  return {
    // A JSON round trip leaves plain JSON Schema (no TypeBox-internal symbols).
    schema: JSON.parse(JSON.stringify(GatehouseConfigSchema)),
    uiHints,
    version: CONFIG_SCHEMA_VERSION,
    generatedAt: GENERATED_AT,
  };
}
