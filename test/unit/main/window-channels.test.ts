/**
 * The per-window channel lists (shared/ipc/window-channels.ts) against the contract and against
 * the renderer source: every channel belongs to some window, and each window's list is exactly
 * what its views call — no channel a view needs is missing (the window would break), and none
 * is listed that no view calls (the window would hold a permission it does not use).
 *
 * "What a view calls" is read statically: starting from the component renderer/App.tsx shows
 * for the view, follow its relative imports through renderer/ and collect every string literal
 * that is a channel name of the contract (comments and types do not count). Channel names are
 * typed literals, so a view cannot reach a channel without spelling it somewhere in its files.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { eventChannels, invokeChannels } from '../../../shared/ipc/channels.js';
import { windowChannels } from '../../../shared/ipc/window-channels.js';
import { isWindowKind, openableWindowKinds, windowKinds, type WindowKind } from '../../../shared/ipc/window-kinds.js';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const rendererDir = join(repoRoot, 'renderer');

const invokeNames: ReadonlySet<string> = new Set(invokeChannels);
const eventNames: ReadonlySet<string> = new Set(eventChannels);

function parse(file: string): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  node.forEachChild((child) => visit(child, each));
}

/** `./x`, `./x.js`, `./x.tsx`, `./x/index.ts` → the file, or undefined outside renderer/ (and for a stylesheet). */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.') || specifier.endsWith('.css')) return undefined;
  const base = resolve(dirname(from), specifier).replace(/\.js$/, '');
  if (relative(rendererDir, base).startsWith('..')) return undefined;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    try {
      if (/\.tsx?$/.test(candidate)) {
        readFileSync(candidate);
        return candidate;
      }
    } catch {
      // try the next spelling
    }
  }
  throw new Error(`${relative(repoRoot, from)}: cannot resolve ${specifier}`);
}

/** The renderer files a view's component runs: itself and everything it imports at runtime. */
function filesOf(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const statement of parse(file).statements) {
      const isImport = ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly;
      const isReExport = ts.isExportDeclaration(statement) && !statement.isTypeOnly;
      if (!(isImport || isReExport) || statement.moduleSpecifier === undefined) continue;
      const target = resolveImport(file, (statement.moduleSpecifier as ts.StringLiteral).text);
      if (target !== undefined) pending.push(target);
    }
  }
  return [...seen];
}

interface ViewUse {
  invoke: Set<string>;
  events: Set<string>;
  /** Views the page moves to in place: `navigate('onboarding')`. */
  navigatesTo: Set<string>;
}

function channelsUsedBy(entry: string): ViewUse {
  const use: ViewUse = { invoke: new Set(), events: new Set(), navigatesTo: new Set() };
  for (const file of filesOf(entry)) {
    visit(parse(file), (node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'navigate') {
        const [target] = node.arguments;
        if (target !== undefined && ts.isStringLiteral(target)) use.navigatesTo.add(target.text);
      }
      if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return;
      if (ts.isLiteralTypeNode(node.parent)) return; // a type, not a call
      if (invokeNames.has(node.text)) use.invoke.add(node.text);
      if (eventNames.has(node.text)) use.events.add(node.text);
    });
  }
  return use;
}

/** view → the file of the component renderer/App.tsx renders for it (`case 'chat': return <ChatWindow …/>`). */
function viewEntries(): Map<string, string> {
  const appFile = join(rendererDir, 'App.tsx');
  const app = parse(appFile);
  const importedFrom = new Map<string, string>();
  for (const statement of app.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    for (const element of statement.importClause?.namedBindings && ts.isNamedImports(statement.importClause.namedBindings)
      ? statement.importClause.namedBindings.elements
      : []) {
      const file = resolveImport(appFile, (statement.moduleSpecifier as ts.StringLiteral).text);
      if (file !== undefined) importedFrom.set(element.name.text, file);
    }
  }
  const entries = new Map<string, string>();
  visit(app, (node) => {
    if (!ts.isCaseClause(node) || !ts.isStringLiteral(node.expression)) return;
    visit(node, (inner) => {
      if (ts.isJsxSelfClosingElement(inner) && ts.isIdentifier(inner.tagName)) {
        const file = importedFrom.get(inner.tagName.text);
        if (file !== undefined) entries.set((node.expression as ts.StringLiteral).text, file);
      }
    });
  });
  return entries;
}

const sorted = (values: Iterable<string>): string[] => [...values].sort();

describe('the window kinds', () => {
  it('are one list, with the openable windows a part of it', () => {
    expect(new Set(windowKinds).size).toBe(windowKinds.length);
    expect(openableWindowKinds.every((kind) => isWindowKind(kind))).toBe(true);
    expect(openableWindowKinds).not.toContain('panel');
    expect(isWindowKind('devtools')).toBe(false);
    expect(isWindowKind('__proto__')).toBe(false);
  });

  it('each have a view in renderer/App.tsx, and App.tsx shows no other', () => {
    expect(sorted(viewEntries().keys())).toEqual(sorted(windowKinds));
  });
});

describe('the per-window channel lists', () => {
  it('give every channel of the contract to at least one window (no orphan channels)', () => {
    const invoked = new Set(windowKinds.flatMap((kind) => windowChannels[kind].invoke));
    const heard = new Set(windowKinds.flatMap((kind) => windowChannels[kind].events));

    expect(invokeChannels.filter((channel) => !invoked.has(channel))).toEqual([]);
    expect(eventChannels.filter((channel) => !heard.has(channel))).toEqual([]);
  });

  it('name only channels of the contract, each once', () => {
    for (const kind of windowKinds) {
      const { invoke, events } = windowChannels[kind];
      expect(invoke.filter((channel) => !invokeNames.has(channel)), kind).toEqual([]);
      expect(events.filter((channel) => !eventNames.has(channel)), kind).toEqual([]);
      expect(new Set(invoke).size, kind).toBe(invoke.length);
      expect(new Set(events).size, kind).toBe(events.length);
    }
    // The source scan below tells invokes from events by name alone.
    expect(invokeChannels.filter((channel) => eventNames.has(channel))).toEqual([]);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(windowChannels)).toBe(true);
    expect(Object.isFrozen(windowChannels.chat)).toBe(true);
    expect(Object.isFrozen(windowChannels.chat.invoke)).toBe(true);
    expect(Object.isFrozen(windowChannels.chat.events)).toBe(true);
  });

  it('keep the token, approvals and pairing to the windows that show them', () => {
    const holders = (channel: string): WindowKind[] =>
      windowKinds.filter((kind) => (windowChannels[kind].invoke as readonly string[]).includes(channel));

    expect(holders('settings:rotateToken')).toEqual(['settings']);
    expect(holders('settings:copyToken')).toEqual(['settings']);
    expect(holders('approvals:resolve')).toEqual(['approvals']);
    expect(holders('pairing:approve')).toEqual(['pairing']);
    expect(holders('chat:send')).toEqual(['chat']);
  });

  const entries = viewEntries();
  const uses = new Map(windowKinds.map((view) => [view, channelsUsedBy(entries.get(view)!)]));

  it.each(windowKinds)('list for the %s window exactly what its views call', (kind) => {
    const { views, invoke, events } = windowChannels[kind];
    const called = views.map((view) => uses.get(view)!);

    expect(views).toContain(kind);
    expect(sorted(invoke)).toEqual(sorted(new Set(called.flatMap((use) => [...use.invoke]))));
    expect(sorted(events)).toEqual(sorted(new Set(called.flatMap((use) => [...use.events]))));
  });

  it.each(windowKinds)('cover every view the %s window can move to in place', (kind) => {
    const { views } = windowChannels[kind];
    const reachable = new Set(views.flatMap((view) => [...uses.get(view)!.navigatesTo]));

    expect([...reachable].filter((view) => !(views as readonly string[]).includes(view))).toEqual([]);
  });
});
