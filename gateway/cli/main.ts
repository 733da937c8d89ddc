/**
 * The `gatehouse` command table. Each action imports its own module when it runs, so a command
 * loads only what it needs: `token` and `--version` never load the WebSocket client or the config
 * loader, `call`/`status` never load the server (`run` is the only command that does). In the
 * bundle (build/bundle-gateway.mjs) each of these imports is a chunk of its own.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { GATEHOUSE_VERSION } from '../core/runtime/version.js';
import { DEFAULT_PORT } from '../../shared/protocol/limits.js';
import { loadBuiltinsWhileCodeCached } from './code-cached-builtins.js';
import { holdOptimizingCompiler, skipOptimizingCompiler } from './optimizing-compiler.js';

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

/** The options of a command that talks to a running gateway: where it is (`url`: false where `--url` means something else) and how to sign in. */
function gatewayClientOptions(command: Command, { url = true } = {}): Command {
  if (url) command.option('--url <url>', 'gateway URL (default: the local gateway)');
  return command
    .option('--token <token>', 'gateway token (default: from config, environment or state dir)')
    .option('--password <password>', 'gateway password')
    .option('--state-dir <dir>', 'state directory');
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
  .option('--port <port>', `port to listen on (default ${DEFAULT_PORT})`)
  .option('--bind <mode>', 'loopback | lan | tailnet | custom | auto')
  .option('--auth <mode>', 'token | password | none')
  .option('--token <token>', 'shared gateway token')
  .option('--password <password>', 'shared gateway password')
  .option('--state-dir <dir>', 'state directory (default ~/.gatehouse or $GATEHOUSE_STATE_DIR)')
  .option('--config <path>', 'config file (default <state dir>/gatehouse.json)')
  .action(async (flags) => {
    // Before the import: loading the gateway's modules is the start-up code the compiler would chase.
    // The builtins first: Node's code cache for them no longer applies once a V8 flag changes.
    loadBuiltinsWhileCodeCached('gateway-run');
    const resumeOptimizing = holdOptimizingCompiler();
    const { runGateway } = await import('./run-command.js');
    process.exitCode = await runGateway(flags as Record<string, string>, { onStartupOver: resumeOptimizing });
  });

gatewayClientOptions(
  gateway
    .command('call')
    .description('call one gateway method and print its result')
    .argument('<method>', 'method name, e.g. health or config.get')
    .option('--params <json>', 'method params as JSON', parseJsonParams, {}),
)
  .option('--timeout <ms>', 'give up after this many milliseconds', parseTimeout, 30_000)
  .option('--json', 'print compact JSON')
  .action(async (method: string, flags) => {
    loadBuiltinsWhileCodeCached('gateway-client');
    skipOptimizingCompiler();
    const { runCall } = await import('./call-command.js');
    process.exitCode = await runCall(method, flags);
  });

gateway
  .command('status')
  .description('show whether the gateway is running and how it is doing')
  .option('--url <url>', 'gateway URL (default: the local gateway)')
  .option('--token <token>', 'gateway token')
  .option('--state-dir <dir>', 'state directory')
  .option('--json', 'print the raw status as JSON')
  .action(async (flags) => {
    loadBuiltinsWhileCodeCached('gateway-client');
    skipOptimizingCompiler();
    const { runStatus } = await import('./call-command.js');
    process.exitCode = await runStatus(flags);
  });

gatewayClientOptions(
  program
    .command('pairing')
    .description('approve chat senders who were given a pairing code')
    .command('approve')
    .description('approve the sender who was given <code> on <channel> (e.g. telegram)')
    .argument('<channel>', 'channel id, e.g. telegram')
    .argument('<code>', 'the 8-character pairing code the sender received')
    .option('--account <id>', 'the channel account (default: the one the code came in on)')
    .option('--no-notify', 'do not tell the sender they were approved'),
)
  .option('--timeout <ms>', 'give up after this many milliseconds', parseTimeout, 30_000)
  .action(async (channel: string, code: string, flags) => {
    loadBuiltinsWhileCodeCached('gateway-client');
    skipOptimizingCompiler();
    const { runPairingApprove } = await import('./pairing-command.js');
    process.exitCode = await runPairingApprove(channel, code, flags);
  });

gatewayClientOptions(
  program
    .command('dashboard')
    .description('open the Control UI in the browser, signed in with a one-time login code')
    .option('--no-open', 'print the link without opening a browser')
    .option('--url', 'print only the link (for scripts); opens nothing'),
  { url: false },
)
  .option('--config <path>', 'config file (default <state dir>/gatehouse.json)')
  .action(async (flags) => {
    loadBuiltinsWhileCodeCached('gateway-client');
    skipOptimizingCompiler();
    const { runDashboard } = await import('./dashboard-command.js');
    process.exitCode = await runDashboard(flags);
  });

gatewayClientOptions(
  program
    .command('onboard')
    .description('set up the gateway step by step: provider and key, model, workspace, token, Telegram')
    .option('--workspace <dir>', "the agents' workspace to propose")
    .option('--flow <flow>', 'setup (everything) or channels (only the chat channel)'),
)
  .option('--config <path>', 'config file (default <state dir>/gatehouse.json)')
  .action(async (flags) => {
    loadBuiltinsWhileCodeCached('gateway-client');
    skipOptimizingCompiler();
    const { runOnboard } = await import('./onboard-command.js');
    process.exitCode = await runOnboard(flags);
  });

function tokenCommand(parent: Command): void {
  parent
    .command('token')
    .description("print the gateway's shared token (or rotate it)")
    .option('--rotate', 'generate a new token; clients using the old one must be updated')
    .option('--state-dir <dir>', 'state directory')
    .option('--path', 'print where the token is stored instead of the token')
    .action(async (flags: { rotate?: boolean; stateDir?: string; path?: boolean }) => {
      skipOptimizingCompiler();
      const { runToken } = await import('./token-command.js');
      runToken(flags);
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
