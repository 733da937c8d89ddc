import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/security/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start real gateway processes; two cores do not like more than two at once.
    maxWorkers: 2,
    reporters: ['default'],
    // Every frame a RawClient receives is checked against our own protocol schemas (test/helpers/own-schemas.ts).
    setupFiles: ['test/helpers/protocol-conformance.ts'],
  },
});
