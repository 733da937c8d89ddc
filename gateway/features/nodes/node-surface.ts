import type { NodeSurface } from './nodes-repository.js';

// Set arithmetic on a node's surface (caps, commands, permission toggles).

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

export function surfaceOf(caps: readonly string[] = [], commands: readonly string[] = [], permissions: Record<string, boolean> = {}): NodeSurface {
  return { caps: unique(caps), commands: unique(commands), permissions: { ...permissions } };
}

/** What `declared` offers beyond `approved`: new caps, new commands, permissions newly granted. */
export function widerThan(declared: NodeSurface, approved: NodeSurface | undefined): boolean {
  const caps = new Set(approved?.caps ?? []);
  const commands = new Set(approved?.commands ?? []);
  if (declared.caps.some((cap) => !caps.has(cap))) return true;
  if (declared.commands.some((command) => !commands.has(command))) return true;
  return Object.entries(declared.permissions).some(([key, granted]) => granted && approved?.permissions[key] !== true);
}

/** Approval widens, never narrows: what was approved once stays approved. */
export function mergeSurfaces(approved: NodeSurface | undefined, requested: NodeSurface): NodeSurface {
  const permissions: Record<string, boolean> = { ...(approved?.permissions ?? {}) };
  for (const [key, granted] of Object.entries(requested.permissions)) permissions[key] = permissions[key] === true || granted;
  return {
    caps: unique([...(approved?.caps ?? []), ...requested.caps]),
    commands: unique([...(approved?.commands ?? []), ...requested.commands]),
    permissions,
  };
}

export function sameSurface(a: NodeSurface, b: NodeSurface): boolean {
  const sorted = (values: readonly string[]) => [...values].sort().join('\n');
  const perms = (value: Record<string, boolean>) =>
    Object.entries(value)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([key, flag]) => `${key}=${flag}`)
      .join('\n');
  return sorted(a.caps) === sorted(b.caps) && sorted(a.commands) === sorted(b.commands) && perms(a.permissions) === perms(b.permissions);
}

/** The caps and permissions of `declared` that `approved` covers: what a node may show. */
export function approvedPart(declared: NodeSurface, approved: NodeSurface | undefined): Omit<NodeSurface, 'commands'> {
  const caps = new Set(approved?.caps ?? []);
  const permissions: Record<string, boolean> = {};
  for (const [key, granted] of Object.entries(declared.permissions)) {
    // A toggle an operator has reviewed is shown as the node reports it now.
    if (approved && Object.hasOwn(approved.permissions, key)) permissions[key] = granted;
  }
  return { caps: declared.caps.filter((cap) => caps.has(cap)), permissions };
}
