/** A compiled protocol schema, as shared/protocol/validate.ts makes them. */
export interface AnswerSchema<T> {
  check(value: unknown): value is T;
  firstError(value: unknown): string | null;
}

/** The parsed answer of `method`, or an error naming what did not fit. */
export function parsed<T>(method: string, schema: AnswerSchema<T>, value: unknown): T {
  if (!schema.check(value)) throw new Error(`${method} answered in an unexpected shape (${schema.firstError(value)})`);
  return value;
}
