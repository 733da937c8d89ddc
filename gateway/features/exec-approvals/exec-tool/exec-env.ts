import { blockedEnvReason } from '../blocked-env.js';

/**
 * The environment an exec'd command runs with. A few variables the gateway's own are passed on;
 * extra ones the model asks for are shown to the person approving and pinned by allow-always,
 * and those that make a program load or run other code are refused outright.
 */

/** Variables a command inherits from the gateway; anything else it must be given explicitly. */
const INHERITED_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TERM', 'TZ', 'TMPDIR', 'SHELL', 'SystemRoot', 'ComSpec'];

/** The extra variables as given, or a thrown error naming the first blocked one and why. */
export function checkedExtraEnv(extra: Record<string, unknown> | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(extra ?? {})) {
    const why = blockedEnvReason(name);
    if (why) throw new Error(`environment variable ${name} is blocked: ${why}`);
    if (typeof value !== 'string' || value.includes('\0')) throw new Error(`environment variable ${name} must be a string without NUL characters`);
    env[name] = value;
  }
  return env;
}

/** What the command runs with: the inherited variables, PATH as configured, then the extras. */
export function commandEnv(extra: Readonly<Record<string, string>>, pathPrepend: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_ENV) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  if (pathPrepend.length > 0) env.PATH = [...pathPrepend, env.PATH ?? ''].filter(Boolean).join(process.platform === 'win32' ? ';' : ':');
  return { ...env, ...extra };
}
