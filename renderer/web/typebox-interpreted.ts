/**
 * Stands in for `typebox/compile` in the browser build (vite.control-ui.config.ts aliases it).
 *
 * TypeBox's Compile writes a JavaScript validator for a schema and evaluates it with
 * `new Function`. The Control UI's CSP forbids evaluation, so in the page Compile paid for
 * writing that code (about 190 ms of a navigation in Chromium's profile, for the answers of the
 * first few requests) and then fell back to walking the schema anyway. This module does only the
 * walk: the same checks and the same error list, with nothing built first. The gateway and the
 * tray's main process, where evaluation is allowed and a validator runs millions of times, keep
 * the real Compile.
 */
import type { TSchema } from 'typebox';
import { Check, Errors } from 'typebox/value';

interface InterpretedValidator {
  Check(value: unknown): boolean;
  Errors(value: unknown): unknown[];
}

export function Compile(schema: TSchema): InterpretedValidator {
  return {
    Check: (value) => Check(schema, value),
    Errors: (value) => Errors(schema, value),
  };
}
