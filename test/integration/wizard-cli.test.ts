import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import JSON5 from 'json5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { CLI_ENTRY, removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';

// `gatehouse onboard` in a terminal: the answers are typed at its prompts — piped in as lines, or
// as keys into a real pseudo-terminal (util-linux `script`), where the @clack/prompts widgets run —
// and the gateway it talks to writes the setup. Anthropic is a local stand-in that accepts one key.

const GOOD_KEY = 'sk-ant-typed-at-the-prompt';

function onboardArgs(gateway: GatewayProcess, extra: string[] = []): string[] {
  return [CLI_ENTRY, 'onboard', '--url', gateway.url, '--token', gateway.token, '--state-dir', gateway.stateDir, ...extra];
}

function onboard(gateway: GatewayProcess, answers: string[], extra: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, onboardArgs(gateway, extra), { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(answers.map((answer) => `${answer}\n`).join(''));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const KEYS = { enter: '\r', down: '\u001b[B', ctrlC: '\u0003' } as const;

/** `gatehouse onboard` on a real pseudo-terminal: keys go in, the screen text comes out. */
class TerminalSession {
  private screen = '';
  private readonly exited: Promise<number | null>;
  private readonly waiters = new Set<() => void>();

  constructor(args: string[]) {
    const command = args.map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`).join(' ');
    // -e: script exits with the command's code; -f: output is flushed as it comes.
    // A pty made without a terminal around it is 0 columns wide: give it a size first.
    const child = spawn('script', ['-qefc', `stty cols 160 rows 50; '${process.execPath}' ${command}`, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, TERM: 'xterm-256color', COLUMNS: '160', LINES: '50' },
    });
    this.child = child;
    const collect = (chunk: Buffer) => {
      this.screen += stripVTControlCharacters(chunk.toString());
      for (const wake of this.waiters) wake();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  private readonly child: ReturnType<typeof spawn>;
  private seenUpTo = 0;

  get text(): string {
    return this.screen;
  }

  /** Waits until `expected` appears after what earlier waits consumed. */
  async waitFor(expected: string): Promise<void> {
    for (;;) {
      const at = this.screen.indexOf(expected, this.seenUpTo);
      if (at >= 0) {
        this.seenUpTo = at + expected.length;
        return;
      }
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
        const fail = (why: string) => () => {
          if (this.screen.indexOf(expected, this.seenUpTo) < 0) reject(new Error(`onboard ${why} ${JSON.stringify(expected)}; the screen:\n${this.screen}`));
        };
        void this.exited.then(fail('exited before showing'));
        // Not a timing assertion: a deadline so a stuck prompt fails with its screen, not a bare timeout.
        setTimeout(fail('did not show'), 20_000).unref();
      });
    }
  }

  type(keys: string): void {
    this.child.stdin?.write(keys);
  }

  exit(): Promise<number | null> {
    return this.exited;
  }
}

describe('gatehouse onboard', () => {
  let gateway: GatewayProcess;
  let provider: ModelProviderServer;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    provider.acceptOnlyApiKey(GOOD_KEY);
    gateway = await startGateway({
      config: JSON.stringify({ models: { providers: { anthropic: { baseUrl: provider.anthropicBaseUrl } } } }),
      env: { ANTHROPIC_API_KEY: undefined, OPENAI_API_KEY: undefined },
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await provider.close();
    removeStateDir(gateway.stateDir);
  });

  it('stops with exit 1 and writes nothing when the risk is declined or the input ends early', async () => {
    const declined = await onboard(gateway, ['n']);
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain('risk not accepted');
    const short = await onboard(gateway, ['y']);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('nothing was written');
  });

  it('on a terminal, shows the steps as prompts and Ctrl-C cancels the wizard on the gateway', async () => {
    const terminal = new TerminalSession(onboardArgs(gateway));
    await terminal.waitFor('Gatehouse setup');
    await terminal.waitFor('Continue?');
    terminal.type('y');
    await terminal.waitFor('Which model provider');
    terminal.type(KEYS.enter);
    await terminal.waitFor('Anthropic API key');
    terminal.type(`sk-ant-refused-key${KEYS.enter}`);
    await terminal.waitFor('Anthropic refused the key: HTTP 401: invalid x-api-key');
    terminal.type(KEYS.ctrlC);
    await terminal.waitFor('cancelled; nothing was written');
    expect(await terminal.exit()).toBe(130);
    expect(terminal.text).not.toContain('sk-ant-refused-key');
    // The gateway let go of the wizard at once: the next one starts.
    const next = await onboard(gateway, ['n']);
    expect(next.stderr).toContain('risk not accepted');
  });

  // Last: writing env.vars restarts the gateway in place.
  it('walks the steps at the prompts, re-asks a refused answer, checks the key, and writes the setup; the key is never printed', async () => {
    const workspace = join(gateway.stateDir, 'my-agents');
    // risk: y · provider: 1 (Anthropic) · key: empty (refused), a key the provider refuses, "enter
    // it again" (1), then the key · model: default · workspace · token: keep · Telegram: no · write: yes
    const result = await onboard(gateway, ['y', '1', '', 'sk-ant-wrong', '1', GOOD_KEY, '', workspace, '', 'n', 'y']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('an API key is needed for this provider');
    expect(result.stdout).toContain('Anthropic refused the key: HTTP 401: invalid x-api-key');
    expect(result.stdout).toContain('Setup written.');
    expect(result.stdout).not.toContain(GOOD_KEY);
    const written = JSON5.parse(readFileSync(join(gateway.stateDir, 'gatehouse.json'), 'utf8'));
    expect(written).toMatchObject({ env: { vars: { ANTHROPIC_API_KEY: GOOD_KEY } }, agents: { defaults: { model: 'anthropic/claude-opus-4-6', workspace } } });
    expect(written.gateway).toBeUndefined();
  });
});
