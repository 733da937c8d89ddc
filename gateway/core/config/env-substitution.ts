import { dotPath, isPlainObject, type PathSegment } from './object-paths.js';

// config.md §1.3: `${NAME}` in string values (never keys), uppercase names only;
// `$${NAME}` is the literal text `${NAME}`; a missing or empty var leaves the text as it
// is, warns once, and makes the field unavailable to its consumer.

const REFERENCE = /\$(\$?)\{([A-Z_][A-Z0-9_]*)\}/g;

export interface SubstitutionResult {
  value: unknown;
  warnings: string[];
  /** Dot paths whose value still holds an unresolved reference, with the first missing name. */
  unavailable: Map<string, string>;
}

/** Values under `env` are literal (they define the environment), so they are left alone. */
function isLiteralSubtree(path: readonly PathSegment[]): boolean {
  return path.length === 1 && path[0] === 'env';
}

export function substituteEnv(input: unknown, env: Readonly<Record<string, string | undefined>>): SubstitutionResult {
  const result: SubstitutionResult = { value: undefined, warnings: [], unavailable: new Map() };
  const warnedNames = new Set<string>();

  const substituteString = (text: string, path: PathSegment[]): string => {
    let missing: string | undefined;
    const replaced = text.replace(REFERENCE, (whole, escape: string, name: string) => {
      if (escape) return whole.slice(1);
      const value = env[name];
      if (value !== undefined && value !== '') return value;
      missing ??= name;
      if (!warnedNames.has(name)) {
        warnedNames.add(name);
        result.warnings.push(
          `\${${name}} is not set (used at ${dotPath(path)}); that value is treated as unavailable — set ${name} in the environment, <state dir>/.env or env.vars`,
        );
      }
      return whole;
    });
    if (missing !== undefined) result.unavailable.set(dotPath(path), missing);
    return replaced;
  };

  const visit = (value: unknown, path: PathSegment[]): unknown => {
    if (typeof value === 'string') return substituteString(value, path);
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (isPlainObject(value)) {
      if (isLiteralSubtree(path)) return value;
      const copy: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) copy[key] = visit(child, [...path, key]);
      return copy;
    }
    return value;
  };

  result.value = visit(input, []);
  return result;
}

/** True when `text` is exactly one `${NAME}` reference (such values are not redacted, §1.7). */
export function isExactEnvReference(text: string): boolean {
  return /^\$\{[A-Z_][A-Z0-9_]*\}$/.test(text);
}
