import { createHash } from 'node:crypto';
import Type, { type Static } from 'typebox';
import { compileSchema } from '../../../shared/protocol/validate.js';

const Security = Type.Union([Type.Literal('deny'), Type.Literal('allowlist'), Type.Literal('full')]);
const Ask = Type.Union([Type.Literal('off'), Type.Literal('on-miss'), Type.Literal('always')]);

const PolicyFields = {
  security: Type.Optional(Security),
  ask: Type.Optional(Ask),
  askFallback: Type.Optional(Security),
  autoAllowSkills: Type.Optional(Type.Boolean()),
};

export const AllowlistEntrySchema = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    pattern: Type.String({ minLength: 1, maxLength: 1_000 }),
    source: Type.Optional(Type.Literal('allow-always')),
    commandText: Type.Optional(Type.String({ maxLength: 10_000 })),
    argPattern: Type.Optional(Type.String({ maxLength: 10_000 })),
    lastUsedAt: Type.Optional(Type.Number({ minimum: 0 })),
    lastUsedCommand: Type.Optional(Type.String({ maxLength: 10_000 })),
    lastResolvedPath: Type.Optional(Type.String({ maxLength: 4_096 })),
  },
  { additionalProperties: false },
);

/** The host approvals document of config.md §5.2, in OpenClaw's exact (closed) shape. */
export const ApprovalsDocumentSchema = Type.Object(
  {
    version: Type.Literal(1),
    socket: Type.Optional(Type.Object({ path: Type.Optional(Type.String()), token: Type.Optional(Type.String()) }, { additionalProperties: false })),
    defaults: Type.Optional(Type.Object(PolicyFields, { additionalProperties: false })),
    agents: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[a-z0-9_][a-z0-9_-]{0,63}$' }),
        Type.Object({ ...PolicyFields, allowlist: Type.Optional(Type.Array(AllowlistEntrySchema, { maxItems: 1_000 })) }, { additionalProperties: false }),
      ),
    ),
  },
  { additionalProperties: false },
);

export type ApprovalsDocument = Static<typeof ApprovalsDocumentSchema>;
export type AllowlistEntry = Static<typeof AllowlistEntrySchema>;
export type Security = Static<typeof Security>;
export type Ask = Static<typeof Ask>;

export const approvalsDocumentValidator = compileSchema(ApprovalsDocumentSchema);

/**
 * ⟂ Deviation from config.md §5 ("absent document = full/off"): a personal gateway with a tray
 * that exists to ask a person should ask by default. A user who wants commands to run unasked
 * sets `defaults.security: "full", ask: "off"` with exec.approvals.set.
 */
export const DEFAULT_APPROVALS_DOCUMENT: ApprovalsDocument = {
  version: 1,
  defaults: { security: 'allowlist', ask: 'on-miss', askFallback: 'deny', autoAllowSkills: false },
};

/** Canonical JSON (sorted keys) so equal documents hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function documentHash(document: ApprovalsDocument): string {
  return `sha256:${createHash('sha256').update(canonical(document)).digest('hex')}`;
}
