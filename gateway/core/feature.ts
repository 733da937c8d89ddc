import type { LoadedConfig } from './config/index.js';
import type { ConfigChange } from './config-service.js';
import type { MethodDefinition } from './router/method-definition.js';
import type { HttpRoute } from './server/http-routes.js';
import type { Connection } from './server/connection.js';
import type { Database } from './store/database.js';

/** A schema change a feature owns: applied once, in list order, before the feature is built. */
export interface FeatureMigration {
  /** Stable for ever: the store records it as applied under `<feature>/<id>`. */
  readonly id: string;
  up(db: Database): void;
}

/**
 * One method family and everything it owns (spec families: health, chat, nodes, cron, ...).
 * The gateway builds each feature once per process; an in-place restart of the listener keeps
 * them, their timers and their subscriptions.
 */
export interface GatewayFeature {
  /** The methods it serves. A method no feature serves answers "unknown method". */
  methods(): readonly MethodDefinition[];
  /** After the gateway listens (timers, work a previous process left). */
  start?(): void | Promise<void>;
  /** At shutdown, in reverse feature order, before the listener closes. */
  stop?(): void | Promise<void>;
  /** Paths it serves on the gateway's HTTP port (the probes are the core's). */
  httpRoutes?(): readonly HttpRoute[];
  /** Its entry in `status` (under the feature's name), e.g. a channel's connection state. */
  status?(): unknown;
  /** A client finished its handshake / its socket closed. */
  connectionReady?(connection: Connection): void;
  connectionClosed?(connection: Connection): void;
}

/**
 * How a feature is listed: its name, its migrations and a factory that receives only the parts
 * of the context it names (`Needs`), so a test can build it from exactly those.
 */
export interface FeatureModule<Context, Needs extends keyof Context = keyof Context> {
  readonly name: string;
  readonly migrations?: readonly FeatureMigration[];
  create(context: Pick<Context, Needs>): GatewayFeature;
}

export type { ConfigChange, LoadedConfig };
