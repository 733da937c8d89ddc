/**
 * `gatehouse gateway call` and `gatehouse gateway status`: read the settings, open one operator
 * connection, print the answer. Only the protocol client and the settings reader are imported —
 * never the server — because these commands should start about as fast as Node itself.
 */
import { callGateway, CallError } from './call-client.js';
import { localTarget } from './cli-context.js';

export interface CallFlags {
  params: unknown;
  url?: string;
  token?: string;
  password?: string;
  stateDir?: string;
  timeout: number;
  json?: boolean;
}

export interface StatusFlags {
  url?: string;
  token?: string;
  stateDir?: string;
  json?: boolean;
}

function print(value: unknown, json: boolean): void {
  if (json || typeof value !== 'string') console.log(JSON.stringify(value, null, json ? 0 : 2));
  else console.log(value);
}

function reportCallFailure(error: unknown): number {
  if (error instanceof CallError) {
    console.error(`error: ${error.error.code}: ${error.error.message}`);
    return 1;
  }
  console.error(`error: ${(error as Error).message}`);
  return 1;
}

function formatUptime(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${seconds % 60}s` : `${seconds}s`;
}

/** Calls one method and prints its result; the exit code is 1 when the call failed. */
export async function runCall(method: string, flags: CallFlags): Promise<number> {
  const target = await localTarget(flags);
  try {
    const result = await callGateway({ ...target, method, params: flags.params, timeoutMs: flags.timeout });
    print(result, Boolean(flags.json));
    return 0;
  } catch (error) {
    return reportCallFailure(error);
  }
}

/** Prints a summary of a running gateway, or that none is reachable (exit code 1). */
export async function runStatus(flags: StatusFlags): Promise<number> {
  const target = await localTarget(flags);
  try {
    const status = (await callGateway({ ...target, method: 'status', params: {}, timeoutMs: 5_000 })) as Record<string, unknown>;
    if (flags.json) {
      print(status, true);
      return 0;
    }
    const connections = status.connections as { operators?: number; nodes?: number } | undefined;
    console.log(`gateway running at ${target.url}`);
    console.log(`  version ${String(status.version)}, up ${formatUptime(Number(status.uptimeMs ?? 0))}, auth ${String(status.authMode)}`);
    console.log(`  ${connections?.operators ?? 0} operator(s), ${connections?.nodes ?? 0} node(s) connected`);
    if (status.stateDir) console.log(`  state dir ${String(status.stateDir)}`);
    if (target.tlsFingerprint) console.log(`  TLS certificate SHA-256 ${target.tlsFingerprint}`);
    return 0;
  } catch (error) {
    console.error(`gateway not reachable at ${target.url}`);
    return reportCallFailure(error);
  }
}
