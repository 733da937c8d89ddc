// @ts-check
/**
 * The rewrites build/bundle-gateway.mjs applies to the gateway bundle, all about start-up cost:
 * builtins read without Node's ES module facade (and the ones start-up never calls loaded on first
 * use), builtins bundled packages require as they load but rarely use, loaded lazily, and module
 * wrappers V8 compiles with their chunk, so that they come from the compile cache.
 */
import { isBuiltin } from 'node:module';
import process from 'node:process';
import { parseAst } from 'rolldown/parseAst';

/**
 * Stand-ins for a builtin, or one function of it, that load it on first use. A function stands in
 * for a function (call, `new`, `extends`, `instanceof` and property reads all reach the real one);
 * an object stands in for a module read only through its properties. Node compiles a builtin's
 * JavaScript the first time it is loaded: `node:https` with TLS is ~5 ms of a gateway start on an
 * idle machine, `node:worker_threads` and `node:assert` a few more, and start-up calls none of them.
 * @param {string} prefix of the two helpers' names
 */
function lazyBuiltinHelpers(prefix) {
  return `
function ${prefix}LazyBuiltin$(id) { let loaded; const load = () => (loaded ??= globalThis.process.getBuiltinModule(id)); return new Proxy({}, { get: (_target, key) => load()[key], has: (_target, key) => key in load() }); }
function ${prefix}LazyBuiltinFunction$(id, name) { let loaded; const load = () => (loaded ??= globalThis.process.getBuiltinModule(id)[name]); const stand = new Proxy(function () {}, { apply: (_target, self, args) => Reflect.apply(load(), self, args), construct: (_target, args, newTarget) => Reflect.construct(load(), args, newTarget === stand ? load() : newTarget), get: (_target, key) => Reflect.get(load(), key), has: (_target, key) => key in load() }); return stand; }
`;
}
/** Inside a bundled CommonJS module (its own function scope). */
const MODULE_HELPERS = lazyBuiltinHelpers('gatehouse');
/** At the top of a chunk, apart from the modules' copies (a name both declared would clash). */
const CHUNK_HELPERS = lazyBuiltinHelpers('gatehouseChunk');

/**
 * `import … from 'node:<builtin>'` makes Node build an ES module facade of the builtin, and the
 * facade reads every export once — getters included: `node:http`'s `WebSocket`, `CloseEvent` and
 * `MessageEvent` load undici (~45 ms of a ~450 ms start on our CI machine, seen with --cpu-prof),
 * `node:process`'s `stdin`/`stdout`/`stderr` set up all three streams. In the finished chunks each
 * such import becomes `process.getBuiltinModule(…)` (Node 22.3+), the CommonJS object, from which
 * only the imported names are read. `require()` inside bundled CommonJS packages never built a
 * facade, and nothing else changes: the imports sit at the top of the chunk, so the constants are
 * set before any of its code runs, as imports would be.
 *
 * The builtins in LAZY_BUILTINS get stand-ins instead (lazyBuiltinHelpers): the gateway imports
 * them for work that comes later or never (HTTPS and TLS only with gateway.tls on, a worker thread
 * with the first agent run, child processes for tools, updates and speech, vm for a forced GC). A
 * named import that is not a function (a constant) keeps the builtin eager.
 */
/** @returns {import('rolldown').Plugin} */
export function builtinsWithoutEsmFacade() {
  return {
    name: 'gatehouse:builtins-without-esm-facade',
    renderChunk(code, chunk) {
      const edits = [];
      let lazy = false;
      for (const node of parseAst(code, { sourceType: 'module', lang: 'js' }).body) {
        if (node.type !== 'ImportDeclaration' || !isBuiltin(String(node.source.value))) continue;
        if (!code.startsWith('import', node.start)) throw new Error(`bundle-gateway: cannot place the import of ${node.source.value} in ${chunk.fileName}`);
        const text = lazyBuiltinConstants(node) ?? builtinConstants(node);
        lazy ||= text.includes('gatehouseChunkLazyBuiltin');
        edits.push({ start: node.start, end: node.end, text });
      }
      if (edits.length === 0) return null;
      let out = code;
      for (const edit of edits.reverse()) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      return { code: lazy ? `${out}\n${CHUNK_HELPERS}` : out, map: null };
    },
  };
}

/**
 * `import a, { b as c } from 'node:x'` → `const a = globalThis.process.getBuiltinModule("node:x"); const { b: c } = a;`
 * @param {import('@oxc-project/types').ImportDeclaration} node
 */
function builtinConstants(node) {
  const source = String(node.source.value);
  // Through globalThis: a chunk may have a binding of its own named `process` (`import process from 'node:process'`).
  const load = `globalThis.process.getBuiltinModule(${JSON.stringify(source.startsWith('node:') ? source : `node:${source}`)})`;
  /** @type {string | undefined} */
  let whole;
  /** @type {string[]} */
  const named = [];
  for (const specifier of node.specifiers) {
    if (specifier.type === 'ImportSpecifier') {
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
      named.push(imported === specifier.local.name ? imported : `${JSON.stringify(imported)}: ${specifier.local.name}`);
    } else {
      // Default and namespace imports alike get the module object itself.
      whole = specifier.local.name;
    }
  }
  if (whole === undefined && named.length === 0) return `${load};`;
  if (whole === undefined) return `const { ${named.join(', ')} } = ${load};`;
  return `const ${whole} = ${load};${named.length > 0 ? ` const { ${named.join(', ')} } = ${whole};` : ''}`;
}

/** Builtins start-up does not call (see builtinsWithoutEsmFacade). */
const LAZY_BUILTINS = new Set(['node:child_process', 'node:https', 'node:readline', 'node:tls', 'node:vm', 'node:worker_threads', 'node:zlib']);

/**
 * `import a, { b as c } from 'node:tls'` → `const a = gatehouseChunkLazyBuiltin$("node:tls"); const c = gatehouseChunkLazyBuiltinFunction$("node:tls", "b");`,
 * or undefined when the builtin is not lazy or a named import is not a function.
 * @param {import('@oxc-project/types').ImportDeclaration} node
 * @returns {string | undefined}
 */
function lazyBuiltinConstants(node) {
  const raw = String(node.source.value);
  const source = raw.startsWith('node:') ? raw : `node:${raw}`;
  if (!LAZY_BUILTINS.has(source)) return undefined;
  const real = process.getBuiltinModule(source);
  /** @type {string[]} */
  const statements = [];
  for (const specifier of node.specifiers) {
    if (specifier.type === 'ImportSpecifier') {
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
      if (typeof real[imported] !== 'function') return undefined;
      statements.push(`const ${specifier.local.name} = gatehouseChunkLazyBuiltinFunction$(${JSON.stringify(source)}, ${JSON.stringify(imported)});`);
    } else {
      statements.push(`const ${specifier.local.name} = gatehouseChunkLazyBuiltin$(${JSON.stringify(source)});`);
    }
  }
  // A bare `import 'node:x'` is there for its side effects: keep it eager.
  return statements.length > 0 ? statements.join(' ') : undefined;
}

/**
 * Builtins that bundled packages require as they load but that Gatehouse never (or only later)
 * uses, each `const` statement replaced by a stand-in (lazyBuiltinHelpers), and the uses that
 * must change with it:
 * - ws: TLS (`wss://` URLs — the gateway serves plain ws unless gateway.tls is on, the CLI pins
 *   its own TLS socket) and zlib (permessage-deflate, which the gateway and its clients turn off);
 *   ~2.5 MiB less RSS for `gatehouse gateway call` and for the idle gateway.
 * - pino, thread-stream, sonic-boom: worker_threads (pino's transports run in a worker; the
 *   gateway uses none, and reads isMainThread only when pino makes its own asynchronous
 *   destination) and assert (argument checks on paths the gateway's logger never takes).
 * A new release that loads these differently fails the build, to be looked at, not silently
 * bundled eagerly.
 */
const LAZY_REQUIRES = [
  {
    file: 'node_modules/ws/lib/websocket.js',
    replace: [
      ["const https = require('https');", 'const https = gatehouseLazyBuiltin$("node:https");'],
      ["const tls = require('tls');", 'const tls = gatehouseLazyBuiltin$("node:tls");'],
      // See ENDED_STREAMS_LEFT_ALONE.
      ['  websocket._receiver.end();\n  this.end();\n}', '  gatehouseEndOnce$(websocket._receiver);\n  gatehouseEndOnce$(this);\n}'],
      ['  websocket._receiver.end();\n\n  this[kWebSocket] = undefined;', '  gatehouseEndOnce$(websocket._receiver);\n\n  this[kWebSocket] = undefined;'],
    ],
    helpers: 'ENDED_STREAMS_LEFT_ALONE',
  },
  { file: 'node_modules/ws/lib/permessage-deflate.js', replace: [["const zlib = require('zlib');", 'const zlib = gatehouseLazyBuiltin$("node:zlib");']] },
  {
    file: 'node_modules/pino/lib/tools.js',
    replace: [
      ["const { isMainThread } = require('worker_threads')", 'const workerThreads$ = gatehouseLazyBuiltin$("node:worker_threads")'],
      ['if (!opts.sync && isMainThread) {', 'if (!opts.sync && workerThreads$.isMainThread) {'],
    ],
  },
  {
    file: 'node_modules/thread-stream/index.js',
    replace: [
      ["const { Worker } = require('worker_threads')", 'const Worker = gatehouseLazyBuiltinFunction$("node:worker_threads", "Worker")'],
      ["const assert = require('assert')", 'const assert = gatehouseLazyBuiltinFunction$("node:assert", "ok")'],
    ],
  },
  { file: 'node_modules/sonic-boom/index.js', replace: [["const assert = require('assert')", 'const assert = gatehouseLazyBuiltinFunction$("node:assert", "ok")']] },
];

/**
 * Every closed WebSocket built two or three Error objects nobody saw: ws ends its frame receiver
 * when the socket's read side ends and again when the socket closes, but the receiver has
 * already ended itself on the close frame, and the socket's write side ended with our close.
 * Node's `end()` on a stream that has finished builds an ERR_STREAM_ALREADY_FINISHED (or
 * ERR_STREAM_DESTROYED) error, stack trace and all, and drops it when no callback was given
 * (~16 ms of CPU over 330 handshakes in a --cpu-prof of the handshake benchmark). A stream whose
 * `end()` was already called (or that failed) is left alone instead: for such a stream and no
 * callback, `end()` does nothing else.
 */
const ENDED_STREAMS_LEFT_ALONE = `
function gatehouseEndOnce$(stream) { const state = stream._writableState; if (state && (state.ending || state.errored)) return; stream.end(); }
`;

/** @returns {import('rolldown').Plugin} */
export function lazyBuiltinRequires() {
  return {
    name: 'gatehouse:lazy-builtin-requires',
    transform(code, id) {
      const entry = LAZY_REQUIRES.find((candidate) => id.replaceAll('\\', '/').endsWith(candidate.file));
      if (!entry) return null;
      let out = code;
      for (const [from, to] of entry.replace) {
        if (out.split(from).length !== 2) this.error(`${entry.file} no longer has \`${from}\` exactly once; update LAZY_REQUIRES in build/bundle-gateway-plugins.mjs`);
        out = out.replace(from, to);
      }
      return { code: `${out}\n${MODULE_HELPERS}${entry.helpers === 'ENDED_STREAMS_LEFT_ALONE' ? ENDED_STREAMS_LEFT_ALONE : ''}`, map: null };
    },
  };
}

/**
 * Rolldown wraps each bundled CommonJS module (and each lazily initialised ES module) in an arrow
 * function: `__commonJSMin(((exports, module) => { … }))`. V8 compiles a function when it is first
 * called unless it looks like it will be called at once — a parenthesised `function`, not an arrow
 * — and Node's compile cache (gateway/cli/compile-cache.ts) holds only what was compiled with the
 * chunk, before any of it ran. So the top level of every bundled package (ws, pino, commander, …)
 * was compiled from source at every start. Written as `(function (exports, module) { … })`, the
 * wrappers are compiled with their chunk and come from the cache (alternating starts: spawn →
 * hello-ok 211 → 196 ms). Only wrappers that do not use `this` or `arguments` are rewritten, the two
 * things an arrow and a function read differently.
 * @returns {import('rolldown').Plugin}
 */
export function eagerModuleWrappers() {
  return {
    name: 'gatehouse:eager-module-wrappers',
    renderChunk(code) {
      /** @type {{ start: number; end: number; text: string }[]} */
      const edits = [];
      walk(parseAst(code, { sourceType: 'module', lang: 'js' }), (node) => {
        if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || !/^__(commonJSMin|esmMin)/.test(node.callee.name)) return;
        const wrapper = node.arguments[0];
        if (wrapper?.type !== 'ArrowFunctionExpression' || wrapper.async || wrapper.body.type !== 'BlockStatement' || readsOwnThisOrArguments(wrapper.body)) return;
        const params = wrapper.params.length === 0 ? '' : code.slice(wrapper.params[0].start, wrapper.params[wrapper.params.length - 1].end);
        edits.push({ start: wrapper.start, end: wrapper.body.start, text: `function (${params}) ` });
      });
      if (edits.length === 0) return null;
      let out = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      return { code: out, map: null };
    },
  };
}

/**
 * @param {any} node
 * @param {(node: any) => void} visit
 */
function walk(node, visit) {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (node === null || typeof node !== 'object' || typeof node.type !== 'string') return;
  visit(node);
  for (const [key, child] of Object.entries(node)) if (key !== 'parent' && child !== null && typeof child === 'object') walk(child, visit);
}

/**
 * Whether code reads `this` or `arguments` of the function it is the body of: nested arrows share
 * them, nested functions and classes have their own.
 * @param {any} body
 */
function readsOwnThisOrArguments(body) {
  let found = false;
  /** @param {any} node */
  const scan = (node) => {
    if (found || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(scan);
    if (typeof node.type !== 'string') return;
    if (node.type === 'ThisExpression' || (node.type === 'Identifier' && node.name === 'arguments')) found = true;
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ClassDeclaration' || node.type === 'ClassExpression') return;
    for (const [key, child] of Object.entries(node)) if (key !== 'parent') scan(child);
  };
  scan(body);
  return found;
}
