/**
 * The companion's own preferences: which gateway to use, notifications, what Quit does. Kept
 * by a PreferencesStore (electron-store in the app, in memory in tests). Secrets never live
 * here: the remote gateway token goes to a SecretStore (see sealed-secret-file.ts).
 *
 * What comes back from disk is parsed like any other untrusted input: a hand-edited or
 * half-written file yields the defaults for the fields it gets wrong, never a crash.
 */
import Type, { type Static, type TSchema } from 'typebox';
import { compileSchema, type CompiledSchema } from '../../shared/protocol/validate.js';
import { DEFAULT_PORT } from '../../shared/protocol/limits.js';

export const DEFAULT_GATEWAY_PORT = DEFAULT_PORT;

const PreferencesSchema = Type.Object({
  gatewayMode: Type.Union([Type.Literal('local'), Type.Literal('remote')]),
  remoteUrl: Type.Optional(Type.String({ maxLength: 2048 })),
  port: Type.Integer({ minimum: 1, maximum: 65_535 }),
  bind: Type.Union([Type.Literal('loopback'), Type.Literal('lan'), Type.Literal('tailnet')]),
  notifications: Type.Boolean(),
  quitBehavior: Type.Union([Type.Literal('ask'), Type.Literal('stop-gateway'), Type.Literal('leave-running')]),
  onboardingDone: Type.Boolean(),
});

export type Preferences = Static<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  gatewayMode: 'local',
  port: DEFAULT_GATEWAY_PORT,
  bind: 'loopback',
  notifications: true,
  quitBehavior: 'ask',
  onboardingDone: false,
});

const fieldCheckers = Object.fromEntries(
  Object.entries(PreferencesSchema.properties).map(([name, schema]) => [name, compileSchema(schema as TSchema)]),
) as Record<keyof Preferences, CompiledSchema<TSchema>>;

/** Keeps the fields of `raw` that are valid, defaults for the rest; unknown fields are dropped. */
export function sanitizePreferences(raw: unknown): Preferences {
  const source = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const result: Record<string, unknown> = { ...DEFAULT_PREFERENCES };
  for (const name of Object.keys(fieldCheckers) as (keyof Preferences)[]) {
    if (!Object.hasOwn(source, name)) continue;
    const value = source[name];
    if (value !== undefined && fieldCheckers[name].check(value)) result[name] = value;
  }
  return result as Preferences;
}

export interface PreferencesStore {
  read(): Preferences;
  /** Merges `change` (undefined removes an optional field) and returns what is stored now. */
  write(change: Partial<Preferences>): Preferences;
}

export class MemoryPreferencesStore implements PreferencesStore {
  #current: Preferences;

  constructor(initial: Partial<Preferences> = {}) {
    this.#current = sanitizePreferences({ ...DEFAULT_PREFERENCES, ...initial });
  }

  read(): Preferences {
    return { ...this.#current };
  }

  write(change: Partial<Preferences>): Preferences {
    this.#current = sanitizePreferences(withoutUndefined({ ...this.#current, ...change }));
    return this.read();
  }
}

export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** Secrets the companion keeps for itself (today: the token of a remote gateway). */
export interface SecretStore {
  get(name: SecretName): string | undefined;
  set(name: SecretName, value: string | undefined): void;
}

export type SecretName = 'remoteGatewayToken';

export class MemorySecretStore implements SecretStore {
  readonly #values = new Map<SecretName, string>();

  get(name: SecretName): string | undefined {
    return this.#values.get(name);
  }

  set(name: SecretName, value: string | undefined): void {
    if (value === undefined) this.#values.delete(name);
    else this.#values.set(name, value);
  }
}
