import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { InstallKind, SkillInstallSpec } from './skill-metadata.js';

// `skills.install` (openclaw-families.md §6): runs the install option a skill names with the
// installer this machine has — npm (or the configured node manager), uv, go, brew — or downloads
// a file. The target comes from a SKILL.md, which may come from anywhere: it is checked against
// what a package, formula, module or URL looks like, and never starts with "-" (an option). The
// installer runs from an argument array, never a shell string.

export const DEFAULT_INSTALL_TIMEOUT_MS = 5 * 60_000;
const MAX_OUTPUT_CHARS = 64 * 1024;
const MAX_DOWNLOAD_BYTES = 200 * 1024 * 1024;

export type NodeManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface InstallOutcome {
  ok: boolean;
  message: string;
  stdout: string;
  stderr: string;
  code: number | null;
}

export type InstallPlan =
  | { kind: 'exec'; command: string; args: string[] }
  | { kind: 'download'; url: URL }
  | { kind: 'refused'; message: string };

const TARGET_PATTERNS: Record<Exclude<InstallKind, 'download'>, RegExp> = {
  // name, @scope/name, optionally @version-or-range
  node: /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*(@[A-Za-z0-9.^~<>=*+_-]+)?$/,
  // name, name[extra], name==1.2
  uv: /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9._,-]+\])?([=<>!~]=?[A-Za-z0-9.*+_-]+)?$/,
  // host.tld/path[@version]
  go: /^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(\/[A-Za-z0-9._~-]+)+(@[A-Za-z0-9._+-]+)?$/,
  // formula, tap/formula, user/tap/formula
  brew: /^[a-z0-9][a-z0-9@+._-]*(\/[a-z0-9][a-z0-9@+._-]*){0,2}$/,
};

/** The program each kind runs (node: the configured manager). */
export function installerCommand(kind: InstallKind, nodeManager: NodeManager = 'npm'): string | undefined {
  return { node: nodeManager, uv: 'uv', go: 'go', brew: 'brew', download: undefined }[kind];
}

function nodeArgs(manager: NodeManager, target: string): string[] {
  if (manager === 'yarn') return ['global', 'add', '--', target];
  if (manager === 'bun') return ['add', '-g', target];
  return [manager === 'pnpm' ? 'add' : 'install', '-g', '--', target];
}

/** What would run for `spec` on this machine, or why nothing can. */
export function planInstall(spec: SkillInstallSpec, machine: { platform: NodeJS.Platform; hasBin(bin: string): boolean; nodeManager?: NodeManager }): InstallPlan {
  if (spec.os.length > 0 && !spec.os.includes(machine.platform)) {
    return { kind: 'refused', message: `install option "${spec.id}" is for ${spec.os.join(', ')}, not ${machine.platform}` };
  }
  if (spec.kind === 'download') {
    let url: URL;
    try {
      url = new URL(spec.target);
    } catch {
      return { kind: 'refused', message: `install option "${spec.id}" has an invalid download URL` };
    }
    if (url.protocol !== 'https:') return { kind: 'refused', message: `install option "${spec.id}": downloads must use https` };
    if (url.username || url.password) return { kind: 'refused', message: `install option "${spec.id}": the download URL may not carry credentials` };
    return { kind: 'download', url };
  }
  if (!TARGET_PATTERNS[spec.kind].test(spec.target) || spec.target.startsWith('-')) {
    return { kind: 'refused', message: `install option "${spec.id}" names an invalid ${spec.kind} target ${JSON.stringify(spec.target.slice(0, 80))}; nothing was run` };
  }
  const command = installerCommand(spec.kind, machine.nodeManager);
  if (!command || !machine.hasBin(command)) {
    return { kind: 'refused', message: `no installer for "${spec.id}": ${spec.kind} installs need \`${command}\` on the gateway's PATH, and it is not there; install ${command} or the tool (${spec.bins.join(', ') || spec.target}) by hand` };
  }
  switch (spec.kind) {
    case 'node':
      return { kind: 'exec', command, args: nodeArgs(machine.nodeManager ?? 'npm', spec.target) };
    case 'uv':
      return { kind: 'exec', command, args: ['tool', 'install', '--', spec.target] };
    case 'go':
      return { kind: 'exec', command, args: ['install', spec.target.includes('@') ? spec.target : `${spec.target}@latest`] };
    case 'brew':
      return { kind: 'exec', command, args: ['install', '--', spec.target] };
  }
}

function capped(text: string): string {
  return text.length > MAX_OUTPUT_CHARS ? `${text.slice(0, MAX_OUTPUT_CHARS)}\n[… output cut at ${MAX_OUTPUT_CHARS} characters]` : text;
}

/** Runs a program with a deadline; its output is kept (capped) for the answer. */
export function runProgram(command: string, args: readonly string[], options: { timeoutMs: number; env: NodeJS.ProcessEnv; cwd?: string }): Promise<InstallOutcome> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout = capped(stdout + chunk.toString())));
    child.stderr.on('data', (chunk: Buffer) => (stderr = capped(stderr + chunk.toString())));
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, message: `${command} could not start: ${error.message}`, stdout, stderr, code: null });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (timedOut) resolve({ ok: false, message: `${command} did not finish within ${options.timeoutMs} ms and was stopped`, stdout, stderr, code });
      else if (code === 0) resolve({ ok: true, message: `${command} ${args.filter((arg) => arg !== '--').join(' ')}: done`, stdout, stderr, code });
      else resolve({ ok: false, message: `${command} exited with code ${code}`, stdout, stderr, code });
    });
  });
}

/** Downloads a file into `toolsDir` (made executable); the tool's folder is the caller's to put on PATH. */
export async function downloadTool(url: URL, options: { toolsDir: string; timeoutMs: number; fetch?: typeof fetch }): Promise<InstallOutcome> {
  const name = basename(url.pathname).replace(/[^A-Za-z0-9._-]/g, '_') || 'download';
  try {
    const response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs), redirect: 'follow' });
    if (!response.ok) return { ok: false, message: `download failed: HTTP ${response.status}`, stdout: '', stderr: '', code: null };
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_DOWNLOAD_BYTES) return { ok: false, message: `download refused: ${declared} bytes is more than ${MAX_DOWNLOAD_BYTES}`, stdout: '', stderr: '', code: null };
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_DOWNLOAD_BYTES) return { ok: false, message: `download refused: more than ${MAX_DOWNLOAD_BYTES} bytes`, stdout: '', stderr: '', code: null };
    mkdirSync(options.toolsDir, { recursive: true });
    const target = join(options.toolsDir, name);
    writeFileSync(target, bytes);
    if (process.platform !== 'win32') chmodSync(target, 0o755);
    return { ok: true, message: `downloaded ${bytes.length} bytes to ${target}`, stdout: '', stderr: '', code: 0 };
  } catch (error) {
    return { ok: false, message: `download failed: ${(error as Error).message}`, stdout: '', stderr: '', code: null };
  }
}
