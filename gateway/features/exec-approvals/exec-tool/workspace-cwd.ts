import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve as resolvePath, sep } from 'node:path';

export type WorkspaceCwd = { ok: true; cwd: string } | { ok: false; reason: string };

/** `child` is `parent` or below it; a folder named `..x` is below it, `..` and `../x` are not. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

async function realPath(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

/**
 * The working directory a command may run in: the requested folder (relative to the workspace)
 * with every symlink resolved, and only when that real folder is inside the workspace's real
 * folder. The command then runs in the resolved path, never the one that was checked by name.
 */
export async function workspaceCwd(workspace: string, requested: string | undefined): Promise<WorkspaceCwd> {
  const target = resolvePath(workspace, requested ?? '.');
  const [realWorkspace, realTarget] = await Promise.all([realPath(workspace), realPath(target)]);
  if (realWorkspace === undefined) return { ok: false, reason: `the agent workspace ${workspace} does not exist` };
  if (realTarget === undefined) return { ok: false, reason: `working directory ${target} does not exist` };
  if (!isInside(realWorkspace, realTarget)) {
    const via = realTarget === target ? '' : ` (it resolves to ${realTarget})`;
    return { ok: false, reason: `working directory ${target} is outside the agent workspace ${workspace}${via}` };
  }
  return { ok: true, cwd: realTarget };
}
