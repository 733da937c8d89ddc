import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// The files a fresh workspace starts with (OpenClaw's onboarding writes the same two). Existing
// files are never touched: they are the user's.

const AGENTS_MD = `# AGENTS.md

Instructions for the agents that work in this folder. The gateway adds this file to every
agent turn's context.

- Say what you are about to do before you change files or run commands.
- Keep notes you want to remember in this folder.
- Ask before doing anything that cannot be undone.
`;

const HEARTBEAT_MD = `# HEARTBEAT.md

Tasks for the periodic heartbeat turn. While this file holds only headings and empty items,
heartbeats are skipped.

- [ ]
`;

/** Creates the folder and the files it lacks; returns the files it created. */
export async function bootstrapWorkspace(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const created: string[] = [];
  for (const [name, text] of [['AGENTS.md', AGENTS_MD], ['HEARTBEAT.md', HEARTBEAT_MD]] as const) {
    try {
      await writeFile(join(dir, name), text, { flag: 'wx', mode: 0o600 });
      created.push(name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return created;
}
