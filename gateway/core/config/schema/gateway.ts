import Type from 'typebox';
import {
  AcceptedUnused,
  NonEmptyString,
  PositiveInteger,
  StringList,
  oneOf,
  pathString,
  section,
  secretInput,
} from './primitives.js';

// config.md §2.

export const BIND_MODES = ['loopback', 'lan', 'tailnet', 'custom', 'auto'] as const;
export const AUTH_MODES = ['token', 'password', 'none', 'trusted-proxy'] as const;
export const RELOAD_MODES = ['hybrid', 'off'] as const;

const AuthRateLimitSchema = section({
  maxAttempts: Type.Optional(PositiveInteger),
  windowMs: Type.Optional(PositiveInteger),
  lockoutMs: Type.Optional(Type.Integer({ minimum: 0 })),
  exemptLoopback: Type.Optional(Type.Boolean()),
});

const TrustedProxyAuthSchema = section({
  userHeader: NonEmptyString,
  requiredHeaders: Type.Optional(StringList),
  allowUsers: Type.Optional(StringList),
  allowLoopback: Type.Optional(Type.Boolean()),
});

const GatewayAuthSchema = section({
  mode: Type.Optional(oneOf(AUTH_MODES, 'Which shared secret clients must present; default password if only a password resolves, else token.')),
  token: Type.Optional(secretInput('Shared token; falls back to GATEHOUSE_GATEWAY_TOKEN / OPENCLAW_GATEWAY_TOKEN.')),
  password: Type.Optional(secretInput('Shared password; falls back to GATEHOUSE_GATEWAY_PASSWORD / OPENCLAW_GATEWAY_PASSWORD.')),
  rateLimit: Type.Optional(AuthRateLimitSchema),
  trustedProxy: Type.Optional(TrustedProxyAuthSchema),
  allowTailscale: Type.Optional(Type.Boolean()),
  identityScopes: Type.Optional(AcceptedUnused),
});

const ControlUiSchema = section(
  {
    enabled: Type.Optional(Type.Boolean()),
    basePath: Type.Optional(Type.String()),
    root: Type.Optional(pathString('Asset directory for the browser UI.')),
    allowedOrigins: Type.Optional(StringList),
    dangerouslyAllowHostHeaderOriginFallback: Type.Optional(Type.Boolean()),
  },
  { ignored: ['environment', 'github', 'embedSandbox', 'allowExternalEmbedUrls', 'dangerouslyDisableDeviceAuth'] },
);

const TlsSchema = section({
  enabled: Type.Optional(Type.Boolean()),
  autoGenerate: Type.Optional(Type.Boolean()),
  certPath: Type.Optional(pathString()),
  keyPath: Type.Optional(pathString()),
  caPath: Type.Optional(pathString()),
});

const RemoteSchema = section({
  url: Type.Optional(Type.String()),
  transport: Type.Optional(oneOf(['ssh', 'direct'] as const)),
  token: Type.Optional(secretInput()),
  password: Type.Optional(secretInput()),
  tlsFingerprint: Type.Optional(Type.String()),
  // Only meaningful for the ssh transport, which Gatehouse clients may not implement.
  remotePort: Type.Optional(AcceptedUnused),
  sshTarget: Type.Optional(AcceptedUnused),
  sshIdentity: Type.Optional(AcceptedUnused),
  sshHostKeyPolicy: Type.Optional(AcceptedUnused),
  edgeAuth: Type.Optional(AcceptedUnused),
});

const ReloadSchema = section({ mode: Type.Optional(oneOf(RELOAD_MODES)) });

/**
 * ⟂ Gatehouse-only switches (§1.1): OpenClaw rejects these keys, so the env vars are the
 * documented way. A file that has them is still honoured, with a warning.
 */
const CompatSchema = section({
  bareHandshake: Type.Optional(Type.Boolean()),
  legacyLoopbackSignature: Type.Optional(Type.Boolean()),
});
const PairingSchema = section({ treatOwnTailnetAsLocal: Type.Optional(Type.Boolean()) });

/**
 * `gateway.nodes`: Gatehouse implements the command allow/deny lists (protocol.md §17.1).
 * OpenClaw keeps more under this key (pairing, wake, …); those pass without a warning because the
 * section stays open rather than listing keys we cannot name exactly.
 */
const NodesSchema = Type.Object(
  {
    commands: Type.Optional(section({ allow: Type.Optional(StringList), deny: Type.Optional(StringList) })),
    allowCommands: Type.Optional(StringList),
    denyCommands: Type.Optional(StringList),
  },
  { additionalProperties: true },
);

export const GatewaySchema = section(
  {
    mode: Type.Optional(oneOf(['local', 'remote'] as const)),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
    bind: Type.Optional(oneOf(BIND_MODES)),
    customBindHost: Type.Optional(Type.String()),
    publicOrigin: Type.Optional(Type.String()),
    trustedProxies: Type.Optional(StringList),
    allowRealIpFallback: Type.Optional(Type.Boolean()),
    reload: Type.Optional(ReloadSchema),
    auth: Type.Optional(GatewayAuthSchema),
    controlUi: Type.Optional(ControlUiSchema),
    tls: Type.Optional(TlsSchema),
    remote: Type.Optional(RemoteSchema),
    compat: Type.Optional(CompatSchema),
    pairing: Type.Optional(PairingSchema),
    nodes: Type.Optional(NodesSchema),
  },
  {
    ignored: [
      'tailscale', 'roles', 'tools', 'http', 'push', 'terminal',
      'channelHealthCheckMinutes', 'channelStaleEventThresholdMinutes', 'channelMaxRestartsPerHour',
    ],
  },
);
