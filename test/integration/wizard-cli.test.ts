import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY, removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';

// `gatehouse onboard` in a terminal: the answers are typed (piped here) at its prompts, and the
// gateway it talks to writes the setup.

function onboard(gateway: GatewayProcess, answers: string[], extra: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI_ENTRY, 'onboard', '--url', gateway.url, '--token', gateway.token, '--state-dir', gateway.stateDir, ...extra], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(answers.map((answer) => `${answer}\n`).join(''));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('gatehouse onboard', () => {
  let gateway: GatewayProcess;

  beforeAll(async () => {
    gateway = await startGateway({ env: { ANTHROPIC_API_KEY: undefined, OPENAI_API_KEY: undefined } });
  });
  afterAll(async () => {
    await gateway.stop();
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

  // Last: writing env.vars restarts the gateway in place.
  it('walks the steps at the prompts, re-asks a refused answer, and writes the setup; the key is never printed', async () => {
    const workspace = join(gateway.stateDir, 'my-agents');
    const key = 'sk-ant-typed-at-the-prompt';
    // risk: y · provider: 1 (Anthropic) · key: empty (refused), then the key · model: default ·
    // workspace · token: keep · Telegram: no · write: yes
    const result = await onboard(gateway, ['y', '1', '', key, '', workspace, '', 'n', 'y']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('an API key is needed for this provider');
    expect(result.stdout).toContain('Setup written.');
    expect(result.stdout).not.toContain(key);
    const written = JSON5.parse(readFileSync(join(gateway.stateDir, 'gatehouse.json'), 'utf8'));
    expect(written).toMatchObject({ env: { vars: { ANTHROPIC_API_KEY: key } }, agents: { defaults: { model: 'anthropic/claude-opus-4-6', workspace } } });
    expect(written.gateway).toBeUndefined();
  });
});
