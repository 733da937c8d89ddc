/**
 * Node compiles its own modules (node:http, node:crypto, …) from a code cache built into its
 * binary, but V8 takes that cache only while its flags are the ones Node was built with. A flag
 * set at run time — the CLI turns the optimizing compiler off (optimizing-compiler.ts), the
 * gateway sets its heap growth and --expose-gc — makes every builtin loaded after it compile from
 * source instead: ~2.5× the time (the builtins below, 11 ms with the cache, 30 ms without). So a
 * command loads the builtins its start needs first, while their cache still applies.
 * test/integration/builtins-code-cache.test.ts checks that a start compiles none without it.
 */

/** `gateway run`, up to the first hello-ok. */
const GATEWAY_RUN = [
  'node:os',
  'node:stream',
  'node:stream/promises',
  'node:timers/promises',
  'node:v8',
  'node:perf_hooks',
  'node:fs/promises',
  'node:crypto',
  'node:net',
  'node:http',
  'node:sqlite',
  // server.listen(port, host) looks the host up and asks the cluster module who owns the port.
  'node:dns',
  'node:cluster',
] as const;

/** The commands that talk to a running gateway as a client (`call`, `status`, `pairing`, …). */
const GATEWAY_CLIENT = ['node:fs/promises', 'node:crypto', 'node:net', 'node:http'] as const;

export type BuiltinSet = 'gateway-run' | 'gateway-client';

export function loadBuiltinsWhileCodeCached(set: BuiltinSet): void {
  for (const id of set === 'gateway-run' ? GATEWAY_RUN : GATEWAY_CLIENT) process.getBuiltinModule(id);
  // net's BlockList loads on first use (client-address.ts, at the first connection).
  if (set === 'gateway-run') void (process.getBuiltinModule('node:net') as typeof import('node:net')).BlockList;
}
