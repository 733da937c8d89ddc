import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { resolveStateDir } from '../config/index.js';
import { gatewayTokenPath, loadOrCreateGatewayToken, rotateGatewayToken } from '../../shared/gateway-host/token-file.js';
import { GATEHOUSE_VERSION } from '../runtime/version.js';
import { callGateway, CallError } from './call-client.js';
import { localTarget } from './cli-context.js';
import { runGateway } from './run-command.js';

function parseJsonParams(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new InvalidArgumentError(`--params must be JSON (${(error as Error).message})`);
  }
}

function parseTimeout(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new InvalidArgumentError('--timeout must be a positive number of milliseconds');
  return ms;
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

const program = new Command('gatehouse')
  .description('Gatehouse: a local gateway for personal AI agents')
  .version(GATEHOUSE_VERSION)
  .exitOverride()
  .showHelpAfterError();

const gateway = program.command('gateway').description('run and talk to the gateway daemon');

gateway
  .command('run')
  .description('run the gateway in the foreground')
  .option('--port <port>', 'port to listen on (default 18789)')
  .option('--bind <mode>', 'loopback | lan | tailnet | custom | auto')
  .option('--auth <mode>', 'token | password | none')
  .option('--token <token>', 'shared gateway token')
  .option('--password <password>', 'shared gateway password')
  .option('--state-dir <dir>', 'state directory (default ~/.gatehouse or $GATEHOUSE_STATE_DIR)')
  .option('--config <path>', 'config file (default <state dir>/gatehouse.json)')
  .action(async (flags) => {
    process.exitCode = await runGateway(flags as Record<string, string>);
  });

gateway
  .command('call')
  .description('call one gateway method and print its result')
  .argument('<method>', 'method name, e.g. health or config.get')
  .option('--params <json>', 'method params as JSON', parseJsonParams, {})
  .option('--url <url>', 'gateway URL (default: the local gateway)')
  .option('--token <token>', 'gateway token (default: from config, environment or state dir)')
  .option('--password <password>', 'gateway password')
  .option('--state-dir <dir>', 'state directory')
  .option('--timeout <ms>', 'give up after this many milliseconds', parseTimeout, 30_000)
  .option('--json', 'print compact JSON')
  .action(async (method: string, flags) => {
    const target = await localTarget(flags);
    try {
      const result = await callGateway({ ...target, method, params: flags.params, timeoutMs: flags.timeout });
      print(result, Boolean(flags.json));
    } catch (error) {
      process.exitCode = reportCallFailure(error);
    }
  });

gateway
  .command('status')
  .description('show whether the gateway is running and how it is doing')
  .option('--url <url>', 'gateway URL (default: the local gateway)')
  .option('--token <token>', 'gateway token')
  .option('--state-dir <dir>', 'state directory')
  .option('--json', 'print the raw status as JSON')
  .action(async (flags) => {
    const target = await localTarget(flags);
    try {
      const status = (await callGateway({ ...target, method: 'status', params: {}, timeoutMs: 5_000 })) as Record<string, unknown>;
      if (flags.json) {
        print(status, true);
        return;
      }
      const connections = status.connections as { operators?: number; nodes?: number } | undefined;
      console.log(`gateway running at ${target.url}`);
      console.log(`  version ${String(status.version)}, up ${formatUptime(Number(status.uptimeMs ?? 0))}, auth ${String(status.authMode)}`);
      console.log(`  ${connections?.operators ?? 0} operator(s), ${connections?.nodes ?? 0} node(s) connected`);
      if (status.stateDir) console.log(`  state dir ${String(status.stateDir)}`);
    } catch (error) {
      console.error(`gateway not reachable at ${target.url}`);
      process.exitCode = reportCallFailure(error);
    }
  });

function tokenCommand(parent: Command): void {
  parent
    .command('token')
    .description("print the gateway's shared token (or rotate it)")
    .option('--rotate', 'generate a new token; clients using the old one must be updated')
    .option('--state-dir <dir>', 'state directory')
    .option('--path', 'print where the token is stored instead of the token')
    .action((flags: { rotate?: boolean; stateDir?: string; path?: boolean }) => {
      const stateDir = flags.stateDir ?? resolveStateDir(process.env);
      if (flags.path) {
        console.log(gatewayTokenPath(stateDir));
        return;
      }
      if (flags.rotate) {
        const { token, path } = rotateGatewayToken(stateDir);
        console.log(token);
        console.error(`new token written to ${path}; restart the gateway (or use config.apply) for it to take effect`);
        return;
      }
      const { token, path, created } = loadOrCreateGatewayToken(stateDir);
      if (created) console.error(`generated a new gateway token in ${path}`);
      console.log(token);
    });
}
tokenCommand(gateway);
tokenCommand(program);

try {
  // Always `<runtime> <entry> <args…>`: Commander would otherwise read argv Electron's way inside the
  // app (utility process, gateway host), where process.versions.electron is set.
  await program.parseAsync(process.argv, { from: 'node' });
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    console.error(`gatehouse: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
