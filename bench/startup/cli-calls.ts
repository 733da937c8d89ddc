import type { LaunchedGateway } from './gateway-launch.js';
import { runNodeToExit, type CommandRun } from './run-to-exit.js';
import { NODE_EVAL_ARGS } from './yardsticks.js';

export interface CliPair {
  nodeEval: CommandRun;
  call: CommandRun;
}

/**
 * `gatehouse gateway call health` the way a person types it: no flags, the gateway found through
 * the settings (state dir, port and token from the environment here), against a running gateway.
 */
function callEnv(gateway: LaunchedGateway, token: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, GATEHOUSE_STATE_DIR: gateway.stateDir, GATEHOUSE_GATEWAY_PORT: String(gateway.process.port), GATEHOUSE_GATEWAY_TOKEN: token };
}

function answeredOk(run: CommandRun): boolean {
  try {
    return run.code === 0 && (JSON.parse(run.stdout) as { ok?: unknown }).ok === true;
  } catch {
    return false;
  }
}

function checkCall(run: CommandRun): CommandRun {
  if (!answeredOk(run)) throw new Error(`gatehouse gateway call health failed (exit ${run.code}):\n${(run.stderr || run.stdout).trim()}`);
  return run;
}

/** `count` pairs of `node -e 0` and the call, alternating; with `probe`, each also reports its peak RSS and CPU. */
export async function measureCliCalls(entry: string, gateway: LaunchedGateway, token: string, env: NodeJS.ProcessEnv, count: number, probe?: string): Promise<CliPair[]> {
  const options = probe ? { probe } : {};
  const pairs: CliPair[] = [];
  for (let index = 0; index < count; index += 1) {
    const nodeEval = await runNodeToExit(NODE_EVAL_ARGS, { ...options, env });
    const call = checkCall(await runNodeToExit([entry, 'gateway', 'call', 'health', '--json'], { ...options, env: callEnv(gateway, token, env) }));
    pairs.push({ nodeEval, call });
  }
  return pairs;
}
