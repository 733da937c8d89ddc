import { isPlainObject, type PathSegment } from './object-paths.js';
import type { ConfigIssue } from './types.js';

// Keys a config file may not use. config.md §1.5: Gatehouse does not implement `$include`,
// so a file using it is rejected rather than silently loaded without the included parts.

export const INCLUDE_NOT_SUPPORTED = '$include is not supported by Gatehouse';

/** `__proto__` would reach an object's prototype instead of holding config; never valid. */
export function findPrototypeKeys(value: unknown, path: PathSegment[] = []): ConfigIssue[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => findPrototypeKeys(item, [...path, index]));
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '__proto__'
      ? [{ path: [...path, key].join('.'), message: `"${key}" cannot be used as a config key` }]
      : findPrototypeKeys(child, [...path, key]),
  );
}

export function findIncludeDirectives(value: unknown, path: PathSegment[] = []): ConfigIssue[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => findIncludeDirectives(item, [...path, index]));
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$include'
      ? [{ path: [...path, key].join('.'), message: `${INCLUDE_NOT_SUPPORTED}; paste the included file's content here instead` }]
      : findIncludeDirectives(child, [...path, key]),
  );
}
