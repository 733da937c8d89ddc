import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { runEnd } from '../helpers/chat-runs.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';

// Skills through a real gateway: bundled + workspace SKILL.md folders, their eligibility in
// skills.status, the <available_skills> block the model receives, skills.update, a file edit
// picked up by the watch, and skills.install refusing when this machine has no installer.

function writeSkill(root: string, name: string, front: string, body = 'Instructions.'): void {
  mkdirSync(join(root, name), { recursive: true });
  writeFileSync(join(root, name, 'SKILL.md'), `---\nname: ${name}\n${front}---\n${body}\n`);
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}

describe('skills', () => {
  let provider: ModelProviderServer;
  let gateway: GatewayProcess;
  let client: RawClient;
  let root: string;
  let skillsDir: string;
  let runs = 0;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'gatehouse-skills-'));
    const workspace = join(root, 'workspace');
    skillsDir = join(workspace, 'skills');
    const emptyPath = join(root, 'bin');
    mkdirSync(emptyPath, { recursive: true });
    writeSkill(skillsDir, 'ready-skill', 'description: A workspace skill with nothing to install.\n', 'Say READY-SKILL-BODY.');
    writeSkill(
      skillsDir,
      'needs-tool',
      `description: Needs a tool nobody has.\nmetadata: {"openclaw":{"requires":{"bins":["gatehouse-absent-tool"],"env":["ABSENT_TOOL_KEY"]},"primaryEnv":"ABSENT_TOOL_KEY","install":[{"id":"brew","kind":"brew","formula":"gatehouse-absent-tool","bins":["gatehouse-absent-tool"],"label":"Install the tool (brew)"}]}}\n`,
    );
    provider = await ModelProviderServer.start();
    gateway = await startGateway({
      config: JSON.stringify({
        models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock' }] } } },
        agents: { defaults: { model: 'mock/mock-model', workspace } },
        skills: { load: { watchDebounceMs: 50 } },
      }),
      // No brew, npm, uv or go: installs must refuse, not reach the network.
      env: { PATH: emptyPath },
    });
    client = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'skills-test', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    client.close();
    await gateway.stop();
    await provider.close();
    removeStateDir(gateway.stateDir);
    rmSync(root, { recursive: true, force: true });
  });

  async function status(): Promise<Frame[]> {
    const answer = await client.request('skills.status', {});
    expect(answer.ok).toBe(true);
    return answer.payload.skills as Frame[];
  }

  async function promptOfARun(): Promise<string> {
    runs += 1;
    provider.enqueue({ text: ['ok'] });
    const sent = await client.request('chat.send', { sessionKey: 'main', message: `hello ${runs}`, idempotencyKey: `skills-run-${runs}` });
    expect(sent.ok).toBe(true);
    await runEnd(client, sent.payload.runId as string);
    return JSON.stringify(provider.requests.at(-1)!.body);
  }

  it('lists bundled and workspace skills with eligibility, what is missing and how to install it', async () => {
    const answer = await client.request('skills.status', {});
    expect(answer.payload).toMatchObject({ workspaceDir: join(root, 'workspace'), managedSkillsDir: join(gateway.stateDir, 'skills') });
    const skills = answer.payload.skills as Frame[];
    expect(skills.map((skill) => skill.name).sort()).toEqual(['needs-tool', 'note-taker', 'ready-skill', 'web-summarizer']);
    expect(skills.find((skill) => skill.name === 'note-taker')).toMatchObject({ source: 'openclaw-bundled', bundled: true, eligible: true, emoji: '📝' });
    expect(skills.find((skill) => skill.name === 'ready-skill')).toMatchObject({ source: 'openclaw-workspace', eligible: true, disabled: false });
    expect(skills.find((skill) => skill.name === 'needs-tool')).toMatchObject({
      eligible: false,
      primaryEnv: 'ABSENT_TOOL_KEY',
      missing: { bins: ['gatehouse-absent-tool'], env: ['ABSENT_TOOL_KEY'], anyBins: [], config: [], os: [] },
      install: [{ id: 'brew', kind: 'brew', label: 'Install the tool (brew)', bins: ['gatehouse-absent-tool'] }],
    });
  });

  it('gives the model an <available_skills> block with the eligible skills only', async () => {
    const prompt = await promptOfARun();
    expect(prompt).toContain('<available_skills>');
    expect(prompt).toContain('<name>note-taker</name>');
    expect(prompt).toContain('<name>web-summarizer</name>');
    expect(prompt).toContain('<name>ready-skill</name>');
    expect(prompt).toContain('READY-SKILL-BODY');
    expect(prompt).not.toContain('needs-tool');
  });

  it('skills.update turns a skill off (it leaves the prompt) and keeps the apiKey out of answers', async () => {
    const off = await client.request('skills.update', { skillKey: 'ready-skill', enabled: false });
    expect(off).toMatchObject({ ok: true, payload: { ok: true, skillKey: 'ready-skill', config: { enabled: false } } });
    expect((await status()).find((skill) => skill.name === 'ready-skill')).toMatchObject({ disabled: true, eligible: false });
    expect(await promptOfARun()).not.toContain('<name>ready-skill</name>');

    const keyed = await client.request('skills.update', { skillKey: 'needs-tool', apiKey: 'sk-skill-secret-9876543210' });
    expect(keyed.ok).toBe(true);
    expect(JSON.stringify(keyed.payload)).not.toContain('sk-skill-secret-9876543210');
    expect(keyed.payload.config.apiKey).toBeDefined();
    // The key satisfies the primaryEnv; the bin is still missing.
    expect((await status()).find((skill) => skill.name === 'needs-tool')).toMatchObject({ eligible: false, missing: { env: [], bins: ['gatehouse-absent-tool'] } });
    const config = await client.request('config.get', {});
    expect(JSON.stringify(config.payload)).not.toContain('sk-skill-secret-9876543210');

    await client.request('skills.update', { skillKey: 'ready-skill', enabled: true });
    expect(await promptOfARun()).toContain('<name>ready-skill</name>');
  });

  it('picks up a new skill file, an edit, and reports a broken file without failing', async () => {
    writeSkill(skillsDir, 'fresh-skill', 'description: Written while the gateway runs.\n');
    await until(async () => ((await status()).some((skill) => skill.name === 'fresh-skill') ? true : undefined));
    writeSkill(skillsDir, 'fresh-skill', 'description: Edited while the gateway runs.\n');
    await until(async () => ((await status()).find((skill) => skill.name === 'fresh-skill')?.description === 'Edited while the gateway runs.' ? true : undefined));
    writeSkill(skillsDir, 'broken-skill', 'description: [not yaml\n');
    const problems = await until(async () => {
      const answer = await client.request('skills.status', {});
      return (answer.payload.problems as Frame[] | undefined)?.length ? (answer.payload.problems as Frame[]) : undefined;
    });
    expect(problems).toEqual([{ filePath: join(skillsDir, 'broken-skill', 'SKILL.md'), message: expect.stringContaining('not valid YAML') }]);
    expect((await status()).map((skill) => skill.name)).toContain('fresh-skill');
    expect(await promptOfARun()).toContain('<name>fresh-skill</name>');
  });

  it('skills.install refuses clearly when no installer applies on this machine', async () => {
    const refused = await client.request('skills.install', { name: 'needs-tool', installId: 'brew', timeoutMs: 5_000 });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('need `brew` on the gateway\'s PATH') });
    expect((await client.request('skills.install', { name: 'needs-tool', installId: 'npm' })).error).toMatchObject({ code: 'INVALID_REQUEST', message: 'skill "needs-tool" has no install option "npm" (it has brew)' });
    expect((await client.request('skills.install', { name: 'nobody', installId: 'brew' })).error).toMatchObject({ code: 'INVALID_REQUEST', message: 'unknown skill "nobody"' });
  });

  it('skills.bins is for nodes; operators are refused', async () => {
    expect((await client.request('skills.bins', {})).error.message).toBe('unauthorized role: operator');
  });
});
