import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { ErrorCode, toErrorShape, type ErrorShape } from '../../../shared/protocol/error-codes.js';
import type { RequestFrame } from '../../../shared/protocol/frames.js';
import { MAX_CONSECUTIVE_UNAUTHORIZED_ROLE } from '../../../shared/protocol/limits.js';
import { METHOD_CATALOGUE } from '../../../shared/protocol/method-catalogue.js';
import { OPERATOR_SCOPES, scopeSatisfied } from '../../../shared/protocol/scopes.js';
import type { Connection } from '../server/connection.js';
import type { ClientSession } from '../server/connection-contract.js';
import type { IdempotencyCache, StoredOutcome } from './idempotency-cache.js';
import { withCatalogueIdempotency } from './catalogue-idempotency.js';
import type { MethodCall, MethodDefinition } from './method-definition.js';
import type { WriteRateLimiter } from './write-rate-limiter.js';

export interface DispatchLog {
  (level: 'debug' | 'warn', message: string, fields: Record<string, unknown>): void;
}

/** Methods every authenticated role may call (spec §7.3: v4 exempts health). */
const ANY_ROLE_METHODS = new Set(['health']);

export function requiredScope(method: string): string {
  return METHOD_CATALOGUE[method]?.scope ?? OPERATOR_SCOPES.admin;
}

export function missingScopeError(scope: string, protocol: number): ErrorShape {
  return {
    code: protocol >= 4 ? ErrorCode.forbidden : ErrorCode.invalidRequest,
    message: `missing scope: ${scope}`,
    details: { code: 'MISSING_SCOPE', missingScope: scope, requiredScopes: [scope] },
  };
}

/**
 * The router of spec §7.4: role check → scope check (admin short-circuits) → method lookup →
 * params validation → rate limit → idempotency → handler.
 */
export class MethodRouter {
  private readonly methods = new Map<string, MethodDefinition>();
  /** Built once per registration, not per hello-ok: every handshake asks for it. */
  private implementedNames: string[] | undefined;

  constructor(
    private readonly idempotency: IdempotencyCache,
    private readonly writeLimiter: WriteRateLimiter,
    private readonly log: DispatchLog,
  ) {}

  register(definitions: Iterable<MethodDefinition>): void {
    for (const definition of definitions) {
      if (this.methods.has(definition.name)) throw new Error(`method registered twice: ${definition.name}`);
      this.methods.set(definition.name, withCatalogueIdempotency(definition));
    }
    this.implementedNames = undefined;
  }

  /** Canonical names of what this gateway serves: hello-ok's features.methods. One array for every caller: read it, never change it. */
  implemented(): string[] {
    this.implementedNames ??= [...this.methods.keys()].sort();
    return this.implementedNames;
  }

  dispatch(connection: Connection, frame: RequestFrame): void {
    const session = connection.session;
    if (!session) return;
    const started = performance.now();
    void this.route(connection, session, frame).then((outcome) => {
      if (outcome.error?.message.startsWith('unauthorized role')) {
        connection.consecutiveRoleErrors += 1;
      } else {
        connection.consecutiveRoleErrors = 0;
      }
      if (outcome.error) {
        if (outcome.payload !== undefined) connection.sendFailureWithPayload(frame.id, outcome.error, outcome.payload);
        else connection.sendResponse(frame.id, outcome.error);
      } else {
        connection.sendResponse(frame.id, undefined, outcome.payload);
      }
      if (connection.consecutiveRoleErrors > MAX_CONSECUTIVE_UNAUTHORIZED_ROLE) {
        connection.close(CloseCode.policyViolation, 'repeated unauthorized calls');
      }
      this.log('debug', 'request', {
        connId: connection.connId,
        method: frame.method,
        ok: !outcome.error,
        ms: Math.round((performance.now() - started) * 100) / 100,
      });
    });
  }

  private async route(connection: Connection, session: ClientSession, frame: RequestFrame): Promise<StoredOutcome> {
    const name = frame.method;
    const canonical = METHOD_CATALOGUE[name]?.aliasOf ?? name;
    const scope = requiredScope(name);

    if (!ANY_ROLE_METHODS.has(canonical)) {
      const nodeOnly = scope === 'node';
      if (nodeOnly !== (session.role === 'node')) {
        return { ok: false, error: { code: ErrorCode.invalidRequest, message: `unauthorized role: ${session.role}` } };
      }
      if (!nodeOnly && !scopeSatisfied(scope, session.scopes)) {
        return { ok: false, error: missingScopeError(scope, session.protocol) };
      }
    }

    const definition = this.methods.get(canonical);
    if (!definition) return { ok: false, error: { code: ErrorCode.invalidRequest, message: `unknown method: ${name}` } };

    const problem = definition.params.firstError(frame.params ?? {});
    if (problem !== null) {
      return { ok: false, error: { code: ErrorCode.invalidRequest, message: `invalid ${name} params: ${problem}` } };
    }
    // Handlers see a fresh object of defined keys only, never the client's own object.
    const params = definition.params.known(frame.params ?? {});

    if (definition.controlPlaneWrite) {
      const caller = session.deviceId ?? session.clientAddress;
      const waitMs = this.writeLimiter.admit(canonical, caller);
      if (waitMs > 0) {
        return {
          ok: false,
          error: {
            code: ErrorCode.unavailable,
            message: `rate limit exceeded for ${canonical}; retry in ${Math.ceil(waitMs / 1000)} s`,
            retryable: true,
            retryAfterMs: Math.ceil(waitMs),
          },
        };
      }
    }

    const call: MethodCall<Record<string, unknown>, unknown> = {
      params,
      method: canonical,
      requestId: frame.id,
      session,
      connection,
      ack: (payload) => connection.sendResponse(frame.id, undefined, payload),
    };

    const key = definition.idempotency?.keyOf(params, session);
    if (key === undefined || !definition.idempotency) return this.invoke(definition, call);

    const rule = definition.idempotency;
    const claim = this.idempotency.claim(key);
    if (claim.kind === 'running') {
      if (rule.whileRunning) return { ok: true, payload: rule.whileRunning(params) };
      return claim.wait;
    }
    if (claim.kind === 'done') {
      if (rule.afterCompletion && claim.outcome.ok) {
        return { ok: true, payload: rule.afterCompletion(params, claim.outcome.payload) };
      }
      return claim.outcome;
    }
    const outcome = await this.invoke(definition, call);
    if (outcome.ok && rule.isFinal?.(outcome.payload) === false) this.idempotency.release(key, outcome);
    else this.idempotency.complete(key, outcome);
    return outcome;
  }

  private async invoke(definition: MethodDefinition, call: MethodCall<Record<string, unknown>, unknown>): Promise<StoredOutcome> {
    try {
      const payload = await definition.handler(call);
      return { ok: true, payload };
    } catch (error) {
      const shape = toErrorShape(error);
      if (shape.code === ErrorCode.unavailable && !(error instanceof Error && error.name === 'GatewayError')) {
        this.log('warn', 'handler threw', { method: definition.name, error: String(error) });
      }
      const payload = (error as { payload?: unknown }).payload;
      return payload === undefined ? { ok: false, error: shape } : { ok: false, error: shape, payload };
    }
  }
}
