import { deepEqual, isPlainObject } from './object-paths.js';

/**
 * Dot paths (no values) where two resolved configs differ. Objects are compared key by key
 * down to their leaves, so adding a section lists its fields; arrays compare as a whole.
 */
export function changedConfigPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (deepEqual(before, after)) return [];
  const beforeIsObject = isPlainObject(before);
  const afterIsObject = isPlainObject(after);
  const comparable = (beforeIsObject || before === undefined) && (afterIsObject || after === undefined);
  if (!comparable || (!beforeIsObject && !afterIsObject)) return [prefix];
  const left = beforeIsObject ? before : {};
  const right = afterIsObject ? after : {};
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  const changed = keys.flatMap((key) => changedConfigPaths(left[key], right[key], prefix ? `${prefix}.${key}` : key));
  // An empty object appearing or disappearing is still a change at its own path.
  return changed.length > 0 ? changed : [prefix];
}
