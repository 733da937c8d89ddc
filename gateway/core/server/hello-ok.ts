import { GATEWAY_EVENTS } from '../../../shared/protocol/events.js';
import type { HelloOk, PresenceEntry } from '../../../shared/protocol/connect.js';
import type { StateVersion } from '../../../shared/protocol/frames.js';
import { scopeSatisfied, OPERATOR_SCOPES } from '../../../shared/protocol/scopes.js';
import { TICK_INTERVAL_MS, maxPayloadFor } from '../../../shared/protocol/limits.js';
import type { HandshakeAcceptance } from './handshake.js';

export interface HelloOkSources {
  version: string;
  bootId: string;
  host: string;
  commit?: string;
  connId: string;
  methods: string[];
  presence: PresenceEntry[];
  health: Record<string, unknown>;
  stateVersion: StateVersion;
  uptimeMs: number;
  configPath: string;
  stateDir: string;
  defaultAgentId: string | null;
  sessionScope: string;
  authMode: 'none' | 'token' | 'password' | 'trusted-proxy';
  maxBufferedBytes: number;
}

/** Spec §4.6, with the per-version differences of §2.1. */
export function buildHelloOk(acceptance: HandshakeAcceptance, sources: HelloOkSources): HelloOk {
  const v4 = acceptance.protocol >= 4;
  const admin = acceptance.role === 'operator' && scopeSatisfied(OPERATOR_SCOPES.admin, acceptance.scopes);
  const hello: HelloOk = {
    type: 'hello-ok',
    protocol: acceptance.protocol,
    server: v4
      ? { version: sources.version, connId: sources.connId, bootId: sources.bootId }
      : {
          version: sources.version,
          connId: sources.connId,
          host: sources.host,
          ...(sources.commit ? { commit: sources.commit } : {}),
        },
    features: {
      methods: sources.methods,
      events: [...GATEWAY_EVENTS],
      ...(v4 ? { capabilities: [] } : {}),
    },
    snapshot: {
      presence: sources.presence,
      health: sources.health,
      stateVersion: sources.stateVersion,
      uptimeMs: Math.max(0, Math.round(sources.uptimeMs)),
      ...(admin ? { configPath: sources.configPath, stateDir: sources.stateDir } : {}),
      ...(sources.defaultAgentId
        ? {
            sessionDefaults: {
              defaultAgentId: sources.defaultAgentId,
              mainKey: 'main',
              mainSessionKey: `agent:${sources.defaultAgentId}:main`,
              scope: sources.sessionScope,
            },
          }
        : {}),
      authMode: sources.authMode,
    },
    auth: {
      role: acceptance.role,
      scopes: acceptance.scopes,
      ...(acceptance.issuedToken
        ? { deviceToken: acceptance.issuedToken.token, issuedAtMs: acceptance.issuedToken.issuedAtMs }
        : {}),
    },
    // The limit this socket's receiver really enforces from now on (Connection.accept).
    policy: { maxPayload: maxPayloadFor(acceptance.role), maxBufferedBytes: sources.maxBufferedBytes, tickIntervalMs: TICK_INTERVAL_MS },
  };
  return hello;
}
