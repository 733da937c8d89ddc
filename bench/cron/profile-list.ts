/**
 * `node dist/bench/cron/profile-list.js [jobs] [calls]`: where a `cron.list` of every job spends
 * the gateway's CPU. A gateway on a seeded store runs under `--cpu-prof`; the script reports the
 * gateway's own CPU time per call (from /proc, so other load on a shared machine does not count,
 * unlike the bench's wall-clock round trip) and the functions that took the most of the profile.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, connectWhenReady, describeError } from '../connections.js';
import { GATEWAY_CLI_ENTRY } from '../paths.js';
import { readCpuSeconds } from '../process-stats.js';
import { INHERITED_OVERRIDES, benchToken } from '../servers-under-test.js';
import { startServerProcess } from '../server-process.js';
import { seedJobs } from './seed-jobs.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function gatewayEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of INHERITED_OVERRIDES) delete env[key];
  return env;
}

async function startGateway(stateDir: string, token: string, env: NodeJS.ProcessEnv) {
  const child = await startServerProcess({
    label: 'gateway',
    args: [GATEWAY_CLI_ENTRY, 'gateway', 'run', '--port', '0', '--state-dir', stateDir, '--token', token],
    env,
    timeoutMs: 60_000,
  });
  const { client } = await connectWhenReady(child.url, token, 30_000);
  return { child, client };
}

/** Self time by function (file:line), the heaviest first. */
function topSelfTime(profile: CpuProfile, count: number): { name: string; ms: number; share: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const delta = (profile.timeDeltas[index] ?? 0) / 1_000;
    if (!node || node.callFrame.functionName === '(idle)') return;
    const file = node.callFrame.url.split('/').slice(-2).join('/');
    const name = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + delta);
    total += delta;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms, share: total > 0 ? ms / total : 0 }));
}

async function main(): Promise<void> {
  const jobs = Number(process.argv[2] ?? 10_000);
  const calls = Number(process.argv[3] ?? 30);
  const token = benchToken();
  const workDir = mkdtempSync(join(tmpdir(), 'gatehouse-cron-profile-'));
  const stateDir = join(workDir, 'state');
  const profileDir = join(workDir, 'profile');
  try {
    // A first start creates the store's tables; the jobs are then written while it is stopped.
    const first = await startGateway(stateDir, token, gatewayEnv({}));
    await first.client.close();
    await first.child.stop();
    seedJobs(stateDir, jobs, Date.now());

    const { child, client } = await startGateway(stateDir, token, gatewayEnv({ NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` }));
    const list = async () => {
      const { response } = await call(client, 'cron.list', { includeDisabled: true });
      if (!response.ok) throw new Error(`cron.list failed: ${describeError(response)}`);
      return (response.payload as { jobs: unknown[] }).jobs.length;
    };
    const listed = await list();
    const cpuBefore = readCpuSeconds(child.pid) ?? Number.NaN;
    const wallBefore = performance.now();
    for (let index = 0; index < calls; index += 1) await list();
    const wallMs = (performance.now() - wallBefore) / calls;
    const cpuMs = (((readCpuSeconds(child.pid) ?? Number.NaN) - cpuBefore) * 1_000) / calls;
    await client.close();
    const exit = await child.stop();
    process.stdout.write(`gateway pid ${child.pid} exited: code ${exit.code}, signal ${exit.signal}${exit.killed ? ' (killed after the grace period)' : ''}\n`);

    // The gateway replaces itself once at start (execve, allocator settings): the first process
    // writes a small profile too. The gateway's is the largest.
    const file = readdirSync(profileDir)
      .filter((name) => name.endsWith('.cpuprofile'))
      .map((name) => ({ name, size: statSync(join(profileDir, name)).size }))
      .sort((a, b) => b.size - a.size)[0]?.name;
    process.stdout.write(`cron.list of ${listed} jobs, ${calls} calls: gateway CPU ${cpuMs.toFixed(1)} ms/call, round trip ${wallMs.toFixed(1)} ms/call (mean)\n`);
    if (!file) {
      process.stdout.write('no profile was written (the gateway did not exit cleanly)\n');
      return;
    }
    const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;
    process.stdout.write('self time over the whole gateway run (start-up included):\n');
    for (const entry of topSelfTime(profile, 25)) process.stdout.write(`  ${entry.ms.toFixed(1).padStart(8)} ms ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.name}\n`);
  } finally {
    if (process.env.KEEP_PROFILE !== '1') rmSync(workDir, { recursive: true, force: true });
    else process.stdout.write(`kept ${workDir}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
