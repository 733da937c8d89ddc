import { childSchemaFor, isIgnoredKey, schemaNode, type JsonSchemaNode } from './json-schema-view.js';
import { GatehouseConfigSchema } from './schema/root.js';

// config.md §1.8: what a changed path needs. The longest matching prefix decides; a path no
// rule matches restarts, to be safe.

type ReloadAction = 'restart' | 'hot' | 'none';

const RULES: ReadonlyArray<readonly [prefix: string, action: ReloadAction]> = [
  ['gateway.port', 'restart'],
  ['gateway.bind', 'restart'],
  ['gateway.customBindHost', 'restart'],
  ['gateway.auth.mode', 'restart'],
  ['gateway.tls', 'restart'],
  ['gateway.controlUi.basePath', 'restart'],
  ['gateway.controlUi.root', 'restart'],
  ['gateway.tailscale', 'restart'],
  ['env', 'restart'],
  // A changed shared secret with the same mode: hot, dropping clients authed with the old one.
  ['gateway.auth.token', 'hot'],
  ['gateway.auth.password', 'hot'],
  ['gateway.auth.rateLimit', 'hot'],
  ['gateway.trustedProxies', 'hot'],
  ['gateway.controlUi.enabled', 'hot'],
  ['gateway.controlUi.allowedOrigins', 'hot'],
  ['gateway.reload', 'hot'],
  ['gateway.remote', 'hot'],
  ['secrets', 'hot'],
  ['models', 'hot'],
  ['agents', 'hot'],
  ['session', 'hot'],
  ['tools', 'hot'],
  ['approvals', 'hot'],
  ['commands', 'hot'],
  ['logging', 'hot'],
  ['cron', 'hot'],
  ['skills', 'hot'],
  ['channels', 'hot'],
  // TTS, talk and browser read their section on each call.
  ['messages', 'hot'],
  ['talk', 'hot'],
  ['browser', 'hot'],
  ['meta', 'none'],
  ['$schema', 'none'],
];

function segmentsOf(path: string): string[] {
  return path === '' ? [] : path.split('.');
}

/** Number of leading segments that reach a key Gatehouse ignores (0 if none). */
function ignoredPrefixLength(segments: readonly string[]): number {
  let node: JsonSchemaNode | undefined = schemaNode(GatehouseConfigSchema);
  for (let depth = 0; depth < segments.length && node; depth++) {
    const key = segments[depth] ?? '';
    const child = childSchemaFor(node, key);
    if (!child) return node.additionalProperties === false && isIgnoredKey(node, key) ? depth + 1 : 0;
    node = child.anyOf ? child.anyOf.find((branch) => branch.type === 'object') : child;
  }
  return 0;
}

export function reloadActionFor(path: string): ReloadAction {
  const segments = segmentsOf(path);
  let best: { length: number; action: ReloadAction } = { length: 0, action: 'restart' };
  for (const [prefix, action] of RULES) {
    const prefixSegments = segmentsOf(prefix);
    const matches = prefixSegments.every((segment, index) => segments[index] === segment);
    if (matches && prefixSegments.length > best.length) best = { length: prefixSegments.length, action };
  }
  const ignored = ignoredPrefixLength(segments);
  if (ignored > best.length) best = { length: ignored, action: 'none' };
  return best.action;
}

/** True when any changed path needs the gateway to restart (in-process: drain, close, rebuild). */
export function restartRequired(changedPaths: string[]): boolean {
  return changedPaths.some((path) => reloadActionFor(path) === 'restart');
}
