import Type from 'typebox';
import { compileParams } from '../validate.js';

// Params of browser.request (methods.json; openclaw-families.md §8): a request to the
// browser-control routes (`/tabs`, `/navigate`, `/snapshot`, `/screenshot`, `/act`, ...) that a
// node with the browser capability serves through its `browser.proxy` command.

export const BROWSER_MAX_TIMEOUT_MS = 120_000;

export const BrowserRequestParams = compileParams(
  Type.Object({
    method: Type.Union([Type.Literal('GET'), Type.Literal('POST'), Type.Literal('DELETE')]),
    /** A route path: starts with "/", no scheme, host, backslash or control characters. */
    path: Type.String({ minLength: 1, maxLength: 2_048, pattern: '^/[^\\\\\\s\\u0000-\\u001f\\u007f]*$' }),
    query: Type.Optional(
      Type.Record(Type.String({ maxLength: 128 }), Type.Union([Type.String({ maxLength: 4_096 }), Type.Number(), Type.Boolean()]), { maxProperties: 64 }),
    ),
    body: Type.Optional(Type.Unknown()),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: BROWSER_MAX_TIMEOUT_MS })),
    /** `host` asks for a browser on the gateway's machine, which Gatehouse does not run. */
    target: Type.Optional(Type.Union([Type.Literal('host'), Type.Literal('node')])),
    /** A node id or display name, when more than one browser node is connected. */
    node: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  }),
);
