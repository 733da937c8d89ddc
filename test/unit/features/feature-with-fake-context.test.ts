import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MethodCall, MethodDefinition } from '../../../gateway/core/router/method-definition.js';
import type { ClientSession } from '../../../gateway/core/server/connection-contract.js';
import type { Connection } from '../../../gateway/core/server/connection.js';
import type { ProcessInfo } from '../../../gateway/core/process-info.js';
import { logsFeature } from '../../../gateway/features/logs/index.js';

/** What the router does before a handler runs: closed params, then the handler with who is calling. */
async function call(definition: MethodDefinition, params: unknown): Promise<unknown> {
  const problem = definition.params.firstError(params);
  if (problem) throw new Error(problem);
  const request: MethodCall<unknown> = {
    params: definition.params.known(params),
    method: definition.name,
    requestId: 'r1',
    session: { role: 'operator', scopes: ['operator.read'], protocol: 3 } as ClientSession,
    connection: {} as Connection,
    ack: () => undefined,
  };
  return await definition.handler(request as never);
}

function methodOf(methods: readonly MethodDefinition[], name: string): MethodDefinition {
  const found = methods.find((method) => method.name === name);
  if (!found) throw new Error(`no method ${name}`);
  return found;
}

describe('a feature built from a fake context (no gateway process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-feature-'));
  const logFile = join(dir, 'gateway.log');
  const process: ProcessInfo = { version: '0.0.0-test', bootId: 'boot', startedAtMs: 0, hostName: 'test', stateDir: dir, logFile };
  // The logs feature names only `process` in its context: that is all the test has to build.
  const feature = logsFeature.create({ process });

  it('serves exactly its methods', () => {
    expect(feature.methods().map((method) => method.name)).toEqual(['logs.tail']);
  });

  it('tails the log file the context names, with a cursor for what comes next', async () => {
    writeFileSync(logFile, '{"msg":"one"}\n{"msg":"two"}\n{"msg":"unfinished');
    const first = (await call(methodOf(feature.methods(), 'logs.tail'), { limit: 10 })) as { lines: string[]; cursor: number };
    expect(first.lines).toEqual(['{"msg":"one"}', '{"msg":"two"}']);
    writeFileSync(logFile, '{"msg":"one"}\n{"msg":"two"}\n{"msg":"three"}\n');
    const next = (await call(methodOf(feature.methods(), 'logs.tail'), { cursor: first.cursor })) as { lines: string[] };
    expect(next.lines).toEqual(['{"msg":"three"}']);
  });

  it('refuses params its schema does not define, before the handler runs', async () => {
    await expect(call(methodOf(feature.methods(), 'logs.tail'), { file: '/etc/passwd' })).rejects.toThrow(/file/);
  });
});
