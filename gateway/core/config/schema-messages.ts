import { formatHintOf, type JsonSchemaNode } from './json-schema-view.js';

// Wording for structural validation issues: say what a valid value looks like, never echo
// the value itself (it may be a secret).

export function literalValuesOf(node: JsonSchemaNode): unknown[] | undefined {
  if (Array.isArray(node.enum)) return node.enum;
  if (node.const !== undefined) return [node.const];
  if (node.anyOf && node.anyOf.length > 0) {
    const values: unknown[] = [];
    for (const branch of node.anyOf) {
      const branchValues = literalValuesOf(branch);
      if (!branchValues) return undefined;
      values.push(...branchValues);
    }
    return values;
  }
  return undefined;
}

export function oneOfMessage(values: readonly unknown[]): string {
  if (values.length === 1) return `must be ${JSON.stringify(values[0])}`;
  return `must be one of ${values.map((value) => JSON.stringify(value)).join(', ')}`;
}

function rangePhrase(node: JsonSchemaNode): string {
  const { minimum, maximum, exclusiveMinimum } = node;
  if (minimum !== undefined && maximum !== undefined) return ` from ${minimum} to ${maximum}`;
  if (exclusiveMinimum !== undefined && maximum !== undefined) {
    return ` greater than ${exclusiveMinimum} and at most ${maximum}`;
  }
  if (exclusiveMinimum !== undefined) return ` greater than ${exclusiveMinimum}`;
  if (minimum !== undefined) return ` of at least ${minimum}`;
  if (maximum !== undefined) return ` of at most ${maximum}`;
  return '';
}

/** "a string", "an integer from 1 to 65535", "a list", "true or false" … */
export function describeSchema(node: JsonSchemaNode): string {
  const literals = literalValuesOf(node);
  if (literals) return literals.map((value) => JSON.stringify(value)).join(' or ');
  const hint = formatHintOf(node);
  if (hint) return hint;
  if (node.anyOf) return node.anyOf.map(describeSchema).join(' or ');
  switch (node.type) {
    case 'string':
      return node.minLength === 1 ? 'a non-empty string' : 'a string';
    case 'integer':
      return `an integer${rangePhrase(node)}`;
    case 'number':
      return `a number${rangePhrase(node)}`;
    case 'boolean':
      return 'true or false';
    case 'array':
      return node.items ? `a list of ${pluralNoun(describeSchema(node.items))}` : 'a list';
    case 'object':
      return 'an object';
    case 'null':
      return 'null';
    default:
      return 'a value';
  }
}

function pluralNoun(phrase: string): string {
  if (phrase.startsWith('a ')) return `${phrase.slice(2)}s`;
  if (phrase.startsWith('an ')) return `${phrase.slice(3)}s`;
  return phrase;
}

/** Closest known key within two edits, to turn a typo into a suggestion. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}
