import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { File, LangVariant, getProcessor } from 'sh-syntax';

/**
 * The mvdan/sh parser (sh-syntax, compiled to WebAssembly). Its JavaScript side hands back only
 * the top of the tree: statements with their spans, negation/background flags, redirections and
 * the spans of a redirection word's parts. That is what this module exposes, in string indices.
 */

export type ShellDialect = 'posix' | 'bash';

export interface ShellStatement {
  start: number;
  end: number;
  /** The command itself, without the statement's `!`, redirections or `&`. */
  command: { start: number; end: number } | undefined;
  negated: boolean;
  background: boolean;
  coprocess: boolean;
  redirections: { op: string; text: string; hereDocument: boolean }[];
  comments: number;
}

export type ShellParse = { ok: true; statements: ShellStatement[]; comments: number } | { ok: false; message: string };

type Processor = ReturnType<typeof getProcessor>;
/** The parser and the dialect values it takes. */
interface ShellProcessor {
  parse: Processor;
  variants: typeof LangVariant;
}
let processor: Promise<ShellProcessor> | undefined;

/** The global WebAssembly API, which the gateway's Node-only type set does not declare. */
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/**
 * Loaded and compiled on the first parse, not at gateway start: sh-syntax's entry loads a CommonJS
 * runtime through Node's CJS loader, a few ms of every start before the first hello-ok.
 * Every parse then runs in a fresh, cheap instance (about 5 ms).
 */
function shellProcessor(): Promise<ShellProcessor> {
  processor ??= (async () => {
    const { getProcessor: processorOf, LangVariant: variants } = await import('sh-syntax');
    const wasmPath = createRequire(import.meta.url).resolve('sh-syntax/main.wasm');
    const module = await wasm.compile(await readFile(wasmPath));
    return { parse: processorOf((imports: object) => wasm.instantiate(module, imports) as never), variants };
  })();
  return processor;
}

interface RawPos {
  Offset: number;
}
interface RawNode {
  Pos: RawPos;
  End: RawPos;
}
interface RawRedirect extends RawNode {
  Op: string;
  Word: (RawNode & { Parts: RawNode[] }) | null;
  Hdoc: RawNode | null;
}
interface RawStatement extends RawNode {
  Cmd: RawNode | null;
  Negated: boolean;
  Background: boolean;
  Coprocess: boolean;
  Redirs: RawRedirect[] | null;
  Comments: unknown[] | null;
}

/** The parser counts UTF-8 bytes; JavaScript strings count UTF-16 units. */
function byteToIndex(text: string): (offset: number) => number {
  const map: number[] = [];
  let index = 0;
  for (const char of text) {
    const bytes = Buffer.byteLength(char, 'utf8');
    for (let i = 0; i < bytes; i++) map.push(index);
    index += char.length;
  }
  map.push(index);
  return (offset) => map[offset] ?? index;
}

async function parseFile(text: string, dialect: ShellDialect): Promise<{ ok: true; file: File } | { ok: false; message: string }> {
  try {
    const { parse, variants } = await shellProcessor();
    const file = await parse(text, { variant: dialect === 'bash' ? variants.LangBash : variants.LangPOSIX, keepComments: true });
    return { ok: true, file };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Parses a command line as `/bin/sh -c` (posix) or bash would read it. */
export async function parseShell(text: string, dialect: ShellDialect): Promise<ShellParse> {
  const parsed = await parseFile(text, dialect);
  if (!parsed.ok) return parsed;
  const at = byteToIndex(text);
  const raw = parsed.file as unknown as { Stmts: RawStatement[] | null; Last: unknown[] | null };
  const statements = (raw.Stmts ?? []).map((statement): ShellStatement => ({
    start: at(statement.Pos.Offset),
    end: at(statement.End.Offset),
    command: statement.Cmd ? { start: at(statement.Cmd.Pos.Offset), end: at(statement.Cmd.End.Offset) } : undefined,
    negated: statement.Negated,
    background: statement.Background,
    coprocess: statement.Coprocess,
    redirections: (statement.Redirs ?? []).map((redirect) => ({
      op: redirect.Op,
      text: text.slice(at(redirect.Pos.Offset), at(redirect.End.Offset)),
      hereDocument: redirect.Hdoc !== null || redirect.Op.startsWith('<<'),
    })),
    comments: statement.Comments?.length ?? 0,
  }));
  const comments = statements.reduce((sum, statement) => sum + statement.comments, raw.Last?.length ?? 0);
  return { ok: true, statements, comments };
}

/**
 * How the parser itself splits each of `words` into parts (a literal run, a quoted string, an
 * expansion), as spans within that word; undefined when it does not read exactly one word there.
 * The word is placed where the parser reports it, as the target of a redirection: `: >WORD`.
 */
export async function partsAsParserReads(words: readonly string[]): Promise<([number, number][] | undefined)[]> {
  if (words.length === 0) return [];
  const prefix = ': >';
  const lines: string[] = [];
  const starts: number[] = [];
  let offset = 0;
  for (const word of words) {
    starts.push(offset + prefix.length);
    lines.push(`${prefix}${word}`);
    offset += prefix.length + word.length + 1;
  }
  const probe = lines.join('\n');
  const parsed = await parseFile(probe, 'posix');
  if (!parsed.ok) return words.map(() => undefined);
  const at = byteToIndex(probe);
  const statements = ((parsed.file as unknown as { Stmts: RawStatement[] | null }).Stmts ?? []);
  return words.map((word, index) => {
    const statement = statements[index];
    const redirect = statement?.Redirs?.[0];
    const start = starts[index]!;
    if (statements.length !== words.length || statement?.Redirs?.length !== 1 || !redirect?.Word) return undefined;
    if (at(redirect.Word.Pos.Offset) !== start || at(redirect.Word.End.Offset) !== start + word.length) return undefined;
    return redirect.Word.Parts.map((part): [number, number] => [at(part.Pos.Offset) - start, at(part.End.Offset) - start]);
  });
}
