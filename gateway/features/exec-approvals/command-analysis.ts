import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { runnerReason } from './command-runners.js';
import { readLiteralCommands, type LiteralSegment, type LiteralWord } from './literal-words.js';
import { parseShell, partsAsParserReads, type ShellParse, type ShellStatement } from './shell-parser.js';

export interface CommandSegment {
  /** argv[0] as the program receives it */
  binary: string;
  /** absolute path when found on PATH (or given), else undefined */
  resolvedPath?: string;
  args: string[];
  text: string;
}

/**
 * What the analysis could prove about a command line. `safe` means: only plain simple commands
 * of literal words joined by `&&`, `||`, `;` or `|`, none of which runs another command, so each
 * segment is exactly the program and arguments an allowlist entry can be matched against.
 */
export type CommandAnalysis = { safe: true; segments: CommandSegment[] } | { safe: false; reason: string };

const unsafe = (reason: string): CommandAnalysis => ({ safe: false, reason });

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function resolveBinary(binary: string, pathEnv: string | undefined, cwd: string): string | undefined {
  if (binary === '') return undefined;
  if (binary.includes('/')) {
    const full = isAbsolute(binary) ? binary : resolvePath(cwd, binary);
    return executable(full) ? full : undefined;
  }
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, binary);
    if (executable(candidate)) return candidate;
  }
  return undefined;
}

function realPathOf(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Why a statement is more than a plain command: `!`, `&`, a redirection or here-document. */
function statementReason(statement: ShellStatement): string | undefined {
  const redirection = statement.redirections[0];
  if (redirection) return `${redirection.hereDocument ? 'here-document' : 'redirection'} ${redirection.text.split('\n')[0]}`;
  if (statement.negated) return 'negation !';
  if (statement.background) return 'runs in the background &';
  if (statement.coprocess) return 'coprocess';
  if (!statement.command) return 'empty statement';
  return undefined;
}

/**
 * Outside the commands themselves only spaces, tabs, newlines and `;` may remain; anything else
 * (a `\r` the parser skips but dash keeps as part of a word, say) is unexplained.
 */
function strayText(command: string, statements: readonly ShellStatement[]): string | undefined {
  const blank = /^[ \t\n;]*$/;
  let at = 0;
  for (const statement of statements) {
    const gap = command.slice(at, statement.command!.start);
    if (!blank.test(gap)) return gap;
    at = statement.command!.end;
  }
  const tail = command.slice(at);
  return blank.test(tail) ? undefined : tail;
}

function sameStatements(a: ShellParse, b: ShellParse): boolean {
  if (!a.ok || !b.ok || a.statements.length !== b.statements.length) return false;
  return a.statements.every((statement, index) => {
    const other = b.statements[index]!;
    return statement.command?.start === other.command?.start && statement.command?.end === other.command?.end;
  });
}

/** The parser, asked separately, must split every word into the same parts the reader did. */
async function parserAgrees(command: string, words: readonly LiteralWord[]): Promise<LiteralWord | undefined> {
  const texts = words.map((word) => command.slice(word.start, word.end));
  const readings = await partsAsParserReads(texts);
  return words.find((word, index) => {
    const parts = readings[index];
    const own = word.parts.map((part) => [part.start - word.start, part.end - word.start]);
    return parts === undefined || JSON.stringify(parts) !== JSON.stringify(own);
  });
}

function segmentReason(segment: LiteralSegment, realPath: string | undefined): string | undefined {
  const [first] = segment.words;
  const name = first?.value ?? '';
  if (name === '') return 'empty command name';
  // `NAME=value cmd`: the assignment changes the command's environment (LD_PRELOAD, PATH, …).
  if (name.includes('=')) return `leading assignment ${name.slice(0, name.indexOf('='))}=… changes how the command runs`;
  return runnerReason(
    segment.words.map((word) => word.value),
    realPath,
  );
}

/**
 * Reads a command line the way `/bin/sh -c` will, with the mvdan/sh parser (in both its POSIX
 * and bash dialects, since /bin/sh is bash on macOS) and a strict literal-word reader that must
 * agree with it. Anything either cannot account for makes the command unsafe, with the reason.
 */
export async function analyzeCommand(command: string, pathEnv: string | undefined, cwd: string): Promise<CommandAnalysis> {
  if (command.trim() === '') return unsafe('empty command');
  const bash = await parseShell(command, 'bash');
  if (!bash.ok) return unsafe(`cannot parse: ${bash.message}`);
  if (bash.comments > 0) return unsafe('comment #');
  for (const statement of bash.statements) {
    const reason = statementReason(statement);
    if (reason) return unsafe(reason);
  }
  const segments: LiteralSegment[] = [];
  for (const statement of bash.statements) {
    const read = readLiteralCommands(command, statement.command!.start, statement.command!.end);
    if (!read.ok) return unsafe(read.reason);
    segments.push(...read.segments);
  }
  const posix = await parseShell(command, 'posix');
  if (!posix.ok) return unsafe(`/bin/sh cannot parse: ${posix.message}`);
  if (!sameStatements(bash, posix)) return unsafe('bash and /bin/sh read this command differently');
  const stray = strayText(command, bash.statements);
  if (stray !== undefined) return unsafe(`unexplained text ${JSON.stringify(stray.slice(0, 40))}`);
  const disputed = await parserAgrees(command, segments.flatMap((segment) => segment.words));
  if (disputed) return unsafe(`the shell parser reads the word ${JSON.stringify(command.slice(disputed.start, disputed.end))} differently`);

  const analysed: CommandSegment[] = [];
  for (const segment of segments) {
    const [binary = '', ...args] = segment.words.map((word) => word.value);
    const resolvedPath = resolveBinary(binary, pathEnv, cwd);
    const reason = segmentReason(segment, realPathOf(resolvedPath));
    if (reason) return unsafe(reason);
    analysed.push({ binary, args, text: command.slice(segment.start, segment.end).trim(), ...(resolvedPath ? { resolvedPath } : {}) });
  }
  return { safe: true, segments: analysed };
}
