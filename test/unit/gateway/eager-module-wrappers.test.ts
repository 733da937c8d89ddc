/**
 * build/bundle-gateway-plugins.mjs rewrites rolldown's arrow-function module wrappers as
 * functions, so V8 compiles them with their chunk and Node's compile cache holds them.
 */
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a build script in plain JavaScript (checked with // @ts-check), without declarations
import { eagerModuleWrappers } from '../../../build/bundle-gateway-plugins.mjs';

type RenderChunk = (code: string) => { code: string } | null;
const renderChunk = (eagerModuleWrappers() as { renderChunk: RenderChunk }).renderChunk;

/** A wrapped CommonJS module as rolldown writes it; the body is big enough to show in a code cache. */
const BODY = Array.from({ length: 100 }, (_, index) => `\tconst value${index} = [${index}].map((item) => item + 1);`).join('\n');
const CHUNK = `var __commonJSMin = (cb, mod) => () => (mod || (cb((mod = { exports: {} }).exports, mod, mod.exports), cb = null), mod.exports);
var require_a = __commonJSMin(((exports, module) => {
${BODY}
\tmodule.exports = value99;
}));
var init_b = __esmMin((() => {
\tlet ready = true;
}));
export { require_a };
`;

/** Bytes of code cache V8 makes for a script right after compiling it, before any of it runs. */
function cacheBytes(code: string): number {
  return new Script(code.replace(/^export .*$/m, '')).createCachedData().length;
}

describe('eager module wrappers', () => {
  it('turns each wrapper into a function with the same parameters and body', () => {
    const out = renderChunk(CHUNK)?.code ?? '';
    expect(out).toContain('var require_a = __commonJSMin((function (exports, module) {\n\tconst value0');
    expect(out).toContain('var init_b = __esmMin((function () {\n\tlet ready = true;\n}));');
    expect(out).not.toContain('=> {\n\tconst value0');
  });

  it('makes V8 compile the wrapped module with its chunk', () => {
    const out = renderChunk(CHUNK)?.code ?? '';
    expect(cacheBytes(out)).toBeGreaterThan(4 * cacheBytes(CHUNK));
  });

  it('leaves a wrapper that reads `this` or `arguments` of its own as an arrow', () => {
    const readsThis = 'var require_c = __commonJSMin(((exports, module) => {\n\tmodule.exports = this;\n}));\n';
    const readsArguments = 'var require_d = __commonJSMin(((exports, module) => {\n\tmodule.exports = () => arguments.length;\n}));\n';
    expect(renderChunk(readsThis)).toBeNull();
    expect(renderChunk(readsArguments)).toBeNull();
    const ownThis = 'var require_e = __commonJSMin(((exports, module) => {\n\tmodule.exports = function () { return this; };\n}));\n';
    expect(renderChunk(ownThis)?.code).toContain('__commonJSMin((function (exports, module) {');
  });

  it('leaves other calls alone', () => {
    expect(renderChunk('const f = other(((a) => {\n\treturn a;\n}));\n')).toBeNull();
  });
});
