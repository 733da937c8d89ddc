import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Static } from 'typebox';
import type { BrowserRequestParams } from '../../../shared/protocol/browser/params.js';
import { ErrorCode, GatewayError, invalidRequest } from '../../../shared/protocol/error-codes.js';
import { isPlainObject } from '../../core/config/object-paths.js';
import type { FeatureContext } from '../../composition/feature-context.js';
import { proxyFilesOf, saveProxyFiles, withLocalPaths } from './proxy-files.js';

export type BrowserRequest = Static<(typeof BrowserRequestParams)['schema']>;

const DEFAULT_TIMEOUT_MS = 30_000;
/** The node's own deadline is the request's; ours waits a little longer for its answer. */
const RELAY_SLACK_MS = 5_000;

function unavailable(message: string): GatewayError {
  return new GatewayError(ErrorCode.unavailable, message, { retryable: true });
}

/** A node error that is the browser route's 4xx: the request was wrong, not the node. */
function isClientError(code: string, message: string): boolean {
  return code === ErrorCode.invalidRequest || /^4\d\d$/.test(code) || /^(?:Error: )?(?:HTTP )?4\d\d\b/.test(message);
}

export interface BrowserRelayDeps {
  nodes: Pick<FeatureContext['nodes'], 'registry' | 'invoke'>;
  /** Where files the node sends are saved (`<state dir>/browser`). */
  filesDir: string;
  /** `browser.enabled: false` in the config turns browser control off. */
  enabled(): boolean;
}

/**
 * browser.request (openclaw-families.md §8): the request goes to a connected node that has the
 * browser capability or command, as `browser.proxy {method, path, query, body, timeoutMs}`; its
 * `result` is the answer, and the files it sends along are saved locally with the result's paths
 * pointing at them. Gatehouse runs no browser of its own.
 */
export class BrowserRelay {
  constructor(private readonly deps: BrowserRelayDeps) {}

  private pickNode(wanted: string | undefined): string {
    const capable = this.deps.nodes.registry
      .all()
      .filter((node) => node.declared.caps.includes('browser') || node.declared.commands.includes('browser.proxy'));
    if (wanted !== undefined) {
      const match = capable.find((node) => node.nodeId === wanted || node.metadata.displayName === wanted);
      if (!match) throw unavailable(`no browser node "${wanted.slice(0, 64)}" is connected`);
      return match.nodeId;
    }
    if (capable.length === 0) throw unavailable('browser control is disabled: no browser node connected');
    if (capable.length > 1) {
      const names = capable.map((node) => node.metadata.displayName ?? node.nodeId).join(', ');
      throw invalidRequest(`several browser nodes are connected (${names}): name one with "node"`);
    }
    return (capable[0] as { nodeId: string }).nodeId;
  }

  async request(params: BrowserRequest): Promise<unknown> {
    if (!this.deps.enabled()) throw unavailable('browser control is disabled');
    if (params.target === 'host') throw unavailable('browser control is disabled: Gatehouse runs no browser on the gateway host (use a node with the browser capability)');
    if (params.path.split('/').some((segment) => segment === '..' || segment === '.')) throw invalidRequest('browser.request: path must not contain "." or ".." segments');
    const nodeId = this.pickNode(params.node);
    const timeoutMs = params.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let payload: unknown;
    try {
      const answer = await this.deps.nodes.invoke({
        nodeId,
        command: 'browser.proxy',
        params: {
          method: params.method,
          path: params.path,
          ...(params.query ? { query: params.query } : {}),
          ...(params.body !== undefined ? { body: params.body } : {}),
          timeoutMs,
        },
        timeoutMs: timeoutMs + RELAY_SLACK_MS,
        idempotencyKey: randomUUID(),
      });
      payload = answer.payload;
    } catch (error) {
      const nodeError = (error as GatewayError).details as { nodeError?: { code?: string; message?: string } } | undefined;
      if (error instanceof GatewayError && nodeError?.nodeError) {
        const { code = '', message = '' } = nodeError.nodeError;
        if (isClientError(code, message)) throw invalidRequest(`browser.request: ${message}`, { nodeId, nodeError: nodeError.nodeError });
        throw new GatewayError(ErrorCode.unavailable, `browser proxy failed: ${message || code}`, { details: { nodeId, nodeError: nodeError.nodeError } });
      }
      throw error;
    }
    if (!isPlainObject(payload) || !Object.hasOwn(payload, 'result')) {
      const status = isPlainObject(payload) && typeof payload.status === 'number' ? payload.status : undefined;
      const said = isPlainObject(payload) && typeof payload.error === 'string' ? payload.error : undefined;
      if (status !== undefined && status >= 400 && status < 500) throw invalidRequest(`browser.request: ${status}${said ? ` ${said}` : ''}`, { nodeId });
      throw unavailable('browser proxy failed: the node answered without a result');
    }
    let saved: Map<string, string>;
    try {
      saved = await saveProxyFiles(proxyFilesOf(payload.files), this.deps.filesDir);
    } catch (error) {
      throw unavailable(`browser proxy failed: ${(error as Error).message}`);
    }
    return withLocalPaths(payload.result, saved);
  }
}

export function browserFilesDir(stateDir: string): string {
  return join(stateDir, 'browser');
}
