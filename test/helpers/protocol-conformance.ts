import { afterAll, afterEach } from 'vitest';
import { takeOwnSchemaViolations } from './own-schemas.js';

/**
 * Vitest setup file: a test during which the gateway sent a frame its own protocol schemas
 * (shared/protocol) reject fails, whatever the test itself asserted. RawClient records them.
 */
function failOnViolations(): void {
  const found = takeOwnSchemaViolations();
  if (found.length > 0) throw new Error(`frames rejected by Gatehouse's own protocol schemas:\n${found.join('\n')}`);
}

afterEach(failOnViolations);
afterAll(failOnViolations);
