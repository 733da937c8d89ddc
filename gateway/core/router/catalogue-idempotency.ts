import { METHOD_CATALOGUE } from '../../../shared/protocol/method-catalogue.js';
import type { ClientSession } from '../server/connection-contract.js';
import type { IdempotencyRule, MethodDefinition } from './method-definition.js';

/**
 * Spec §12: a method the catalogue marks as requiring an idempotency key is deduplicated by the
 * router, whether or not its family wrote a rule: a duplicate waits for the first call and gets
 * its answer. The key is scoped to the caller's device, so one client cannot read another's
 * answer by guessing its key.
 */
export function withCatalogueIdempotency(definition: MethodDefinition): MethodDefinition {
  if (!METHOD_CATALOGUE[definition.name]?.idempotencyKeyRequired) return definition;
  const required = (definition.params.schema as { required?: readonly string[] }).required ?? [];
  if (!required.includes('idempotencyKey')) {
    throw new Error(`${definition.name} must require idempotencyKey in its params (spec §12)`);
  }
  if (definition.idempotency) return definition;
  const rule: IdempotencyRule<Record<string, unknown>> = {
    keyOf: (params, caller: ClientSession) => `${definition.name}:${caller.deviceId ?? 'shared-secret'}:${String(params.idempotencyKey)}`,
  };
  return { ...definition, idempotency: rule };
}
