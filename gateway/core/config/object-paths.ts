// Small helpers for walking parsed JSON: config values are plain objects, arrays and scalars.

export type JsonObject = Record<string, unknown>;
export type PathSegment = string | number;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Dot form used in issues and changedPaths: `gateway.port`, `models.providers.x.models.0.id`. */
export function dotPath(segments: readonly PathSegment[]): string {
  return segments.map(String).join('.');
}

export function getAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isPlainObject(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const aKeys = Object.keys(a);
    if (aKeys.length !== Object.keys(b).length) return false;
    return aKeys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

/** Copies parsed JSON; config values never hold functions, dates or cycles. */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

/** The object at `segments`, created (as `{}`) along the way when missing. */
export function ensureObjectAt(root: JsonObject, segments: readonly string[]): JsonObject {
  let current = root;
  for (const segment of segments) {
    const next = current[segment];
    if (isPlainObject(next)) current = next;
    else {
      const created: JsonObject = {};
      current[segment] = created;
      current = created;
    }
  }
  return current;
}
