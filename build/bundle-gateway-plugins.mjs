// @ts-check
/**
 * The two rewrites build/bundle-gateway.mjs applies to the gateway bundle, both about start-up
 * cost: builtins read without Node's ES module facade, and builtins ws never needs loaded lazily.
 */
import { isBuiltin } from 'node:module';
import { parseAst } from 'rolldown/parseAst';

/**
 * `import … from 'node:<builtin>'` makes Node build an ES module facade of the builtin, and the
 * facade reads every export once — getters included: `node:http`'s `WebSocket`, `CloseEvent` and
 * `MessageEvent` load undici (~45 ms of a ~450 ms start on our CI machine, seen with --cpu-prof),
 * `node:process`'s `stdin`/`stdout`/`stderr` set up all three streams. In the finished chunks each
 * such import becomes `process.getBuiltinModule(…)` (Node 22.3+), the CommonJS object, from which
 * only the imported names are read. `require()` inside bundled CommonJS packages never built a
 * facade, and nothing else changes: the imports sit at the top of the chunk, so the constants are
 * set before any of its code runs, as imports would be.
 */
/** @returns {import('rolldown').Plugin} */
export function builtinsWithoutEsmFacade() {
  return {
    name: 'gatehouse:builtins-without-esm-facade',
    renderChunk(code, chunk) {
      const edits = [];
      for (const node of parseAst(code, { sourceType: 'module', lang: 'js' }).body) {
        if (node.type !== 'ImportDeclaration' || !isBuiltin(String(node.source.value))) continue;
        if (!code.startsWith('import', node.start)) throw new Error(`bundle-gateway: cannot place the import of ${node.source.value} in ${chunk.fileName}`);
        edits.push({ start: node.start, end: node.end, text: builtinConstants(node) });
      }
      if (edits.length === 0) return null;
      let out = code;
      for (const edit of edits.reverse()) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      return { code: out, map: null };
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

/**
 * Builtins that `ws` requires as it loads but that Gatehouse never uses: TLS (`wss://` URLs — the
 * gateway serves plain ws on its own host, the CLI talks to it) and zlib (permessage-deflate,
 * which the gateway and its clients turn off). Loaded on first use instead, they cost nothing
 * until then: ~2.5 MiB less RSS for `gatehouse gateway call` and for the idle gateway.
 */
const LAZY_REQUIRES = [
  { file: 'node_modules/ws/lib/websocket.js', names: { https: 'https', tls: 'tls' } },
  { file: 'node_modules/ws/lib/permessage-deflate.js', names: { zlib: 'zlib' } },
];

/** @returns {import('rolldown').Plugin} */
export function lazyBuiltinRequires() {
  return {
    name: 'gatehouse:lazy-builtin-requires',
    transform(code, id) {
      const entry = LAZY_REQUIRES.find((candidate) => id.replaceAll('\\', '/').endsWith(candidate.file));
      if (!entry) return null;
      let out = code;
      for (const [binding, builtin] of Object.entries(entry.names)) {
        const statement = `const ${binding} = require('${builtin}');`;
        // A new ws release that loads these differently must be looked at, not silently bundled eagerly.
        if (!out.includes(statement)) this.error(`${entry.file} no longer has \`${statement}\`; update LAZY_REQUIRES in build/bundle-gateway.mjs`);
        out = out.replace(statement, `const ${binding} = lazyBuiltin$(${JSON.stringify(`node:${builtin}`)});`);
      }
      const helper = 'function lazyBuiltin$(id) { let loaded; return new Proxy({}, { get: (_target, key) => (loaded ??= process.getBuiltinModule(id))[key] }); }';
      return { code: `${out}\n${helper}\n`, map: null };
    },
  };
}
