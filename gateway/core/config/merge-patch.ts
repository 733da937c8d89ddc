import { ConfigWriteError } from './errors.js';
import { cloneJson, deepEqual, isPlainObject } from './object-paths.js';

// config.md §1.7 "Patch rules": RFC 7396 merge patch (objects merge, null deletes, scalars
// replace) with OpenClaw's two additions: arrays of `{id, …}` items merge by id, and a patch
// that would drop existing array entries must name that path in `replacePaths`.
// Paths spell record keys out and write array-item children as `[]`:
// `models.providers.local.models[].input`.

type Item = Record<string, unknown> & { id: unknown };

function hasId(value: unknown): value is Item {
  return isPlainObject(value) && (typeof value.id === 'string' || typeof value.id === 'number');
}

function childPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

function refuse(path: string, what: string): never {
  throw new ConfigWriteError(
    'INVALID_REQUEST',
    `config.patch would ${what} ${path}; list "${path}" in replacePaths if that is intended`,
    { path },
  );
}

export function applyMergePatch(target: unknown, patch: unknown, replacePaths: ReadonlySet<string>): unknown {
  const merge = (current: unknown, change: unknown, path: string): unknown => {
    if (Array.isArray(change)) return mergeArray(current, change, path);
    if (!isPlainObject(change)) return cloneJson(change);
    const result: Record<string, unknown> = isPlainObject(current) ? { ...current } : {};
    for (const [key, value] of Object.entries(change)) {
      const at = childPath(path, key);
      if (value === null) {
        if (Array.isArray(result[key]) && (result[key] as unknown[]).length > 0 && !replacePaths.has(at)) refuse(at, 'delete the list');
        delete result[key];
      } else {
        result[key] = merge(result[key], value, at);
      }
    }
    return result;
  };

  const mergeArray = (current: unknown, change: unknown[], path: string): unknown[] => {
    if (!Array.isArray(current)) return cloneJson(change);
    if (change.length > 0 && change.every(hasId) && current.every(hasId)) {
      const result: unknown[] = current.map((item) => cloneJson(item));
      for (const item of change) {
        const index = result.findIndex((existing) => hasId(existing) && existing.id === item.id);
        if (index >= 0) result[index] = merge(result[index], item, `${path}[]`);
        else result.push(merge(undefined, item, `${path}[]`));
      }
      return result;
    }
    const dropsEntries = current.some((old) => !change.some((next) => deepEqual(old, next)));
    if (dropsEntries && !replacePaths.has(path)) refuse(path, 'remove existing entries from');
    return cloneJson(change);
  };

  return merge(target, patch, '');
}
