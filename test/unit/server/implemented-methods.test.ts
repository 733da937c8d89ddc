import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { compileParams } from '../../../shared/protocol/validate.js';
import { MethodRouter } from '../../../gateway/core/router/dispatch.js';
import { IdempotencyCache } from '../../../gateway/core/router/idempotency-cache.js';
import type { MethodDefinition } from '../../../gateway/core/router/method-definition.js';
import { WriteRateLimiter } from '../../../gateway/core/router/write-rate-limiter.js';

const NO_PARAMS = compileParams(Type.Object({}));

function method(name: string): MethodDefinition {
  return { name, params: NO_PARAMS, result: Type.Object({}), handler: () => ({}) } as unknown as MethodDefinition;
}

// hello-ok's features.methods is asked for at every handshake: built once, rebuilt on registration.
describe('the names hello-ok lists as implemented', () => {
  it('are sorted, the same array from call to call, and follow a later registration', () => {
    const idempotency = new IdempotencyCache();
    const router = new MethodRouter(idempotency, new WriteRateLimiter(), () => undefined);
    router.register([method('status'), method('health')]);
    const first = router.implemented();
    expect(first).toEqual(['health', 'status']);
    expect(router.implemented()).toBe(first);
    router.register([method('models.list')]);
    expect(router.implemented()).toEqual(['health', 'models.list', 'status']);
  });
});
